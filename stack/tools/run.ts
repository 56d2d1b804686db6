import { spawn } from 'node:child_process';
import { lineSplitter, type LineWriter } from '../log';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  onLine: LineWriter;
  /** Printed every `heartbeatMs` while the command is silent, so a long build never looks hung. */
  heartbeat?: { everyMs: number; message: (elapsedSeconds: number) => string };
}

/** Runs a build command to completion, streaming its output line by line. Resolves to the exit code. */
export function runCommand(command: string, args: string[], options: RunOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = lineSplitter(options.onLine);
    const err = lineSplitter(options.onLine);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const heartbeat = options.heartbeat
      ? setInterval(
          () => options.onLine(options.heartbeat!.message(Math.round((Date.now() - started) / 1000))),
          options.heartbeat.everyMs,
        )
      : undefined;
    child.on('error', (error) => {
      clearInterval(heartbeat);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(heartbeat);
      out.flush();
      err.flush();
      resolve(code ?? 1);
    });
  });
}
