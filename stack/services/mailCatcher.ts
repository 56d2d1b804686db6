import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config/paths';
import type { LineWriter } from '../log';
import { startProcess } from './managedProcess';
import { assertPortFree, canConnect } from './ports';
import type { RunningService } from './runningService';
import { waitForStart } from './waitForStart';

const MAILDEV_CLI = path.join(projectRoot, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');

/**
 * MailDev: an SMTP server that keeps every message (on disk under `dataDir`) and shows them in a web
 * inbox, with a REST API (`GET /email`) that tests read received mail through.
 */
export async function startMailCatcher(options: {
  smtpPort: number;
  webPort: number;
  dataDir: string;
  onLine: LineWriter;
}): Promise<RunningService & { smtpUrl: string; inboxUrl: string }> {
  const mailDir = path.join(options.dataDir, 'mail');
  mkdirSync(mailDir, { recursive: true });
  await assertPortFree(options.smtpPort, 'mail catcher SMTP', 'MAIL_SMTP_PORT');
  await assertPortFree(options.webPort, 'mail catcher inbox', 'MAIL_UI_PORT');
  const child = startProcess({
    name: 'mail',
    command: process.execPath,
    args: [
      MAILDEV_CLI,
      '--smtp',
      String(options.smtpPort),
      '--ip',
      '127.0.0.1',
      '--web',
      String(options.webPort),
      '--web-ip',
      '127.0.0.1',
      '--mail-directory',
      mailDir,
    ],
    onLine: options.onLine,
  });
  await waitForStart(child, async () => (await canConnect(options.smtpPort)) && (await canConnect(options.webPort)), 30_000);
  return {
    name: 'mail',
    smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`,
    inboxUrl: `http://localhost:${options.webPort}`,
    stop: () => child.stop(),
    exited: child.exited,
  };
}
