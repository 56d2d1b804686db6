import { spawn, type ChildProcess } from 'node:child_process';
import { lineSplitter, type LineWriter } from '../log';

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number | undefined;
  /** Resolves with the exit code (or signal name) when the process ends, for whatever reason. */
  readonly exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** The last lines it printed, for error messages when it dies during start-up. */
  recentOutput(): string;
}

export function startProcess(options: {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  onLine: LineWriter;
}): ManagedProcess {
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  const record: LineWriter = (line) => {
    recent.push(line);
    if (recent.length > 30) recent.shift();
    options.onLine(line);
  };
  const out = lineSplitter(record);
  const err = lineSplitter(record);
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));

  const exited = new Promise<number | string>((resolve) => {
    child.once('error', (error) => {
      record(`failed to start ${options.command}: ${error.message}`);
      resolve('spawn-error');
    });
    child.once('exit', (code, signal) => {
      out.flush();
      err.flush();
      resolve(code ?? signal ?? 'unknown');
    });
  });

  return {
    name: options.name,
    pid: child.pid,
    exited,
    recentOutput: () => recent.join('\n'),
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
