import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { Store } from '../../store/connection';
import { testConfig } from '../support/env';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');

/** The command-line tools, run as a person runs them, against a database of their own. */
describe('command-line tools', () => {
  const database = `cli_${randomUUID().slice(0, 8)}`;
  const cli = (file: string, ...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', path.join(root, file), ...args], { cwd: root, env: { ...process.env, STORE_DATABASE: database } });

  afterAll(async () => {
    const store = Store.open({ uri: testConfig().store.uri, database });
    await store.waitUntilConnected(10_000);
    await store.connection.dropDatabase();
    await store.close();
  });

  it('creates, lists and revokes API keys', async () => {
    const created = await cli('api/cli/keys.ts', 'create', '--kind', 'write', '--name', 'Teachable');
    const [, id] = /Created write key (\S+)/.exec(created.stdout)!;
    expect(created.stdout).toMatch(/cj_write_\S{20,}/);
    expect((await cli('api/cli/keys.ts', 'list')).stdout).toContain(`${id}\twrite`);
    expect((await cli('api/cli/keys.ts', 'revoke', id!)).stdout).toContain(`Revoked ${id}`);
    await expect(cli('api/cli/keys.ts', 'create', '--kind', 'root', '--name', 'x')).rejects.toMatchObject({ code: 2 });
  });

  it('reports inactive learners before purging them, and refuses bad arguments', async () => {
    expect((await cli('ingestion/hygiene/cli.ts', '--inactive-days', '30')).stdout).toContain('0 learners have been inactive for 30 days');
    await expect(cli('ingestion/hygiene/cli.ts', '--inactive-days', 'soon')).rejects.toMatchObject({ code: 2 });
  });
});
