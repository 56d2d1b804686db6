import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/env';
import { startEmbeddedServices, type EmbeddedServices } from '../stack/services/embeddedServices';
import { findFreePort } from '../stack/services/ports';

export const quick = process.argv.includes('--quick');

/** A store of the benchmark's own (FerretDB on a free port, fresh data), or MONGODB_URI's. */
export async function benchStore(): Promise<{ uri: string; stop(): Promise<void> }> {
  if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI, stop: async () => undefined };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, FERRETDB_PORT: String(await findFreePort()) });
  const services: EmbeddedServices = await startEmbeddedServices(config, { logFor: () => () => undefined, only: ['store'] });
  return {
    uri: services.store.uri,
    async stop() {
      await services.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `tasks` with at most `concurrency` in flight. */
export async function inParallel<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

export const seconds = (startedAt: bigint) => Number(process.hrtime.bigint() - startedAt) / 1e9;
export const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

/** CPU seconds used so far by this process and each of its descendants, by a readable name (Linux /proc; empty elsewhere). */
export function cpuByProcess(): Map<string, number> {
  const ticksPerSecond = 100;
  const processes = new Map<number, { parent: number; name: string; cpu: number }>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return new Map();
  }
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields after it are positional.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const script = argv.find((argument) => /\.(ts|js)$/.test(argument));
      const name = script ? path.basename(script) : path.basename(argv[0] ?? stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
      processes.set(Number(entry), { parent: Number(fields[1]), name, cpu: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond });
    } catch {
      // Gone while being read.
    }
  }
  const ours = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, info] of processes) {
      if (ours.has(pid) || !ours.has(info.parent)) continue;
      ours.add(pid);
      grew = true;
    }
  }
  const byName = new Map<string, number>();
  for (const pid of ours) {
    const info = processes.get(pid);
    if (!info) continue;
    const name = pid === process.pid ? 'benchmark' : info.name;
    byName.set(name, (byName.get(name) ?? 0) + info.cpu);
  }
  return byName;
}

/** CPU seconds per process name used between two `cpuByProcess()` samples. */
export function cpuBetween(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...after].map(([name, cpu]) => [name, round(cpu - (before.get(name) ?? 0), 2)]).filter(([, cpu]) => (cpu as number) > 0));
}
