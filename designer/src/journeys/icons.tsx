/**
 * The palette's icons as inline SVG strokes (24×24, in the style of the icon names the domain uses),
 * so the designer needs no icon font or package. An unknown name falls back to a plain square.
 */
const paths: Record<string, string[]> = {
  zap: ['M13 2 3 14h9l-1 8 10-12h-9l1-8z'],
  clock: ['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', 'M12 7v5l3 2'],
  hourglass: ['M6 2h12', 'M6 22h12', 'M7 2c0 5 10 7 10 10s-10 5-10 10', 'M17 2c0 5-10 7-10 10s10 5 10 10'],
  moon: ['M20 14.5A8 8 0 1 1 9.5 4a6.5 6.5 0 0 0 10.5 10.5z'],
  'git-branch': ['M6 3v12', 'M18 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6z', 'M6 21a3 3 0 1 0 0-6 3 3 0 0 0 0 6z', 'M18 9a9 9 0 0 1-9 9'],
  split: ['M16 3h5v5', 'M8 3H3v5', 'M12 22v-8.3a4 4 0 0 0-1.2-2.8L3 3', 'm15 9 6-6'],
  mail: ['M3 5h18v14H3z', 'm3 7 9 6 9-6'],
  'user-pen': ['M11 15H7a4 4 0 0 0-4 4v2', 'M10 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M21.4 13.6a1.9 1.9 0 0 0-2.7-2.7L14 15.6V18.3h2.7z'],
  flag: ['M4 22V4', 'M4 4h13l-2 4 2 4H4'],
};

export function NodeIcon({ name, size = 18 }: { name: string; size?: number }) {
  const strokes = paths[name] ?? ['M5 5h14v14H5z'];
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {strokes.map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
