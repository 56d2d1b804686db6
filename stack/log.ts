/** One log stream for the whole stack: every line prefixed with the process that wrote it. */
export type LineWriter = (line: string) => void;

const colours = [36, 33, 35, 32, 34, 31, 96, 93];
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;

export function prefixedWriter(name: string, index: number, write: (text: string) => void = (t) => process.stdout.write(t)): LineWriter {
  const label = name.padEnd(9);
  const prefix = useColour ? `\x1b[${colours[index % colours.length]}m${label}|\x1b[0m ` : `${label}| `;
  return (line) => write(`${prefix}${line}\n`);
}

/** Splits a byte stream into lines and hands each complete line on. */
export function lineSplitter(onLine: LineWriter): { push(chunk: Buffer | string): void; flush(): void } {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk.toString();
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    },
    flush() {
      if (pending) onLine(pending);
      pending = '';
    },
  };
}
