import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { findGo } from '../../stack/tools/goBuild';

const run = promisify(execFile);

/** The Go tests of our FerretDB wrapper (the _id lookup index it adds), run as part of `npm test`. */
describe('the FerretDB wrapper', () => {
  it('passes its Go tests', async () => {
    const go = findGo();
    expect(go).toBeDefined();
    const { stdout } = await run(go!, ['test', '-count=1', './...'], { cwd: path.resolve(__dirname, '..', '..', 'stack', 'go', 'ferretdb'), env: { ...process.env, CGO_ENABLED: '0' } });
    expect(stdout).toMatch(/^ok\s/m);
  }, 300_000);
});
