import type { ImportProgress } from './csvImport';

/** Where the bar is drawn: stderr, or anything with the same few properties (tests). */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressBarOptions {
  /** Size of the file, for the percentage; unknown for piped input. */
  totalBytes?: number;
  now?: () => number;
}

/** Redraws on a terminal often enough to look live; a log (not a TTY) gets a plain line now and then. */
const TTY_INTERVAL_MS = 100;
const LOG_INTERVAL_MS = 10_000;
const BAR_WIDTH = 24;

const count = (value: number) => Math.round(value).toLocaleString('en-US');

/** Import progress on stderr: rows done, rows per second and percent of the file read. */
export class ProgressBar {
  private readonly started: number;
  private lastDrawn = -Infinity;
  private readonly now: () => number;

  constructor(
    private readonly out: ProgressOutput,
    private readonly options: ProgressBarOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
  }

  update(progress: ImportProgress): void {
    const now = this.now();
    if (now - this.lastDrawn < (this.out.isTTY ? TTY_INTERVAL_MS : LOG_INTERVAL_MS)) return;
    this.lastDrawn = now;
    this.draw(progress, now);
  }

  /** Draws the final state on a terminal and moves past the bar; a log gets the summary instead. */
  finish(progress: ImportProgress): void {
    if (!this.out.isTTY) return;
    this.draw(progress, this.now());
    this.out.write('\n');
  }

  private draw(progress: ImportProgress, now: number): void {
    const seconds = Math.max((now - this.started) / 1_000, 0.001);
    const fraction = this.options.totalBytes ? Math.min(progress.bytesRead / this.options.totalBytes, 1) : undefined;
    const parts = [
      fraction === undefined ? undefined : `${Math.floor(fraction * 100)}%`,
      `${count(progress.rowsRead)} rows`,
      `${count(progress.rowsRead / seconds)} rows/s`,
      progress.errors > 0 ? `${count(progress.errors)} errors` : undefined,
    ].filter((part) => part !== undefined);
    if (!this.out.isTTY) {
      this.out.write(`import: ${parts.join(', ')}\n`);
      return;
    }
    const filled = fraction === undefined ? 0 : Math.round(fraction * BAR_WIDTH);
    const bar = fraction === undefined ? '' : `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] `;
    // Clear the line and redraw in place, cut to the terminal's width so it never wraps.
    this.out.write(`\r\x1b[2K${(bar + parts.join('  ')).slice(0, (this.out.columns || 80) - 1)}`);
  }
}
