import { ProgressBar, type ProgressOutput } from './progressBar';

const progress = (rowsRead: number, bytesRead: number, errors = 0) => ({ rowsRead, imported: rowsRead - errors, duplicates: 0, errors, bytesRead });

function output(isTTY: boolean) {
  const written: string[] = [];
  const out: ProgressOutput = { isTTY, columns: 100, write: (text: string) => written.push(text) };
  return { out, written };
}

describe('ProgressBar', () => {
  it('redraws one terminal line with a bar, percent, rows and rows/s', () => {
    let now = 0;
    const { out, written } = output(true);
    const bar = new ProgressBar(out, { totalBytes: 1_000, now: () => now });
    now = 2_000;
    bar.update(progress(5_000, 500, 3));
    now = 2_050; // too soon to redraw
    bar.update(progress(5_100, 510, 3));
    expect(written).toEqual([`\r\x1b[2K[${'#'.repeat(12)}${'.'.repeat(12)}] 50%  5,000 rows  2,500 rows/s  3 errors`]);
    bar.finish(progress(10_000, 1_000, 3));
    expect(written.slice(1)).toEqual([expect.stringContaining('100%  10,000 rows'), '\n']);
  });

  it('writes a plain line every ten seconds when stderr is not a terminal', () => {
    let now = 0;
    const { out, written } = output(false);
    const bar = new ProgressBar(out, { now: () => now });
    now = 1_000;
    bar.update(progress(100, 5_000));
    now = 5_000;
    bar.update(progress(400, 20_000));
    now = 11_000;
    bar.update(progress(1_100, 55_000));
    expect(written).toEqual(['import: 100 rows, 100 rows/s\n', 'import: 1,100 rows, 100 rows/s\n']);
  });
});
