import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ToolUnavailableError } from '../../stack/tools/errors';
import { locateFerretDb } from '../../stack/tools/ferretdb';
import { locateTemporalCli } from '../../stack/tools/temporalCli';

const quiet = () => undefined;
const emptyToolsDir = () => mkdtempSync(path.join(os.tmpdir(), 'tools-'));

describe('finding the service binaries', () => {
  it('rejects a TEMPORAL_BIN that does not exist, naming the variable', async () => {
    await expect(locateTemporalCli({ toolsDir: emptyToolsDir(), temporalBin: '/nowhere/temporal', onLine: quiet })).rejects.toThrow(
      /TEMPORAL_BIN=\/nowhere\/temporal is not an executable file/,
    );
  });

  it('uses an executable named by TEMPORAL_BIN or found on PATH before building anything', async () => {
    const dir = emptyToolsDir();
    const fake = path.join(dir, 'temporal');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    await expect(locateTemporalCli({ toolsDir: dir, temporalBin: fake, onLine: quiet })).resolves.toEqual({ kind: 'binary', path: fake, origin: 'TEMPORAL_BIN' });
    await expect(locateTemporalCli({ toolsDir: emptyToolsDir(), searchPath: dir, onLine: quiet })).resolves.toEqual({ kind: 'binary', path: fake, origin: 'PATH' });
  });

  it('says what to install or set when there is no binary, no Go and no download allowed', async () => {
    const temporal = locateTemporalCli({ toolsDir: emptyToolsDir(), searchPath: '', allowSdkDownload: false, onLine: quiet });
    await expect(temporal).rejects.toBeInstanceOf(ToolUnavailableError);
    await expect(temporal).rejects.toThrow(/Install Go .* TEMPORAL_BIN .* TEMPORAL_ADDRESS/);

    const ferretdb = locateFerretDb({ toolsDir: emptyToolsDir(), searchPath: '', allowMemoryServer: false, onLine: quiet });
    await expect(ferretdb).rejects.toThrow(/Install Go .* FERRETDB_BIN .* MONGODB_URI/);
  });

  it('falls back to the SDK download when Go is missing and downloads are allowed', async () => {
    await expect(locateTemporalCli({ toolsDir: emptyToolsDir(), searchPath: '', onLine: quiet })).resolves.toMatchObject({ kind: 'sdk-download' });
    await expect(locateFerretDb({ toolsDir: emptyToolsDir(), searchPath: '', onLine: quiet })).resolves.toEqual({ kind: 'mongodb-memory-server' });
  });
});
