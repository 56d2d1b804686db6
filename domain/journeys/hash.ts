/**
 * A 32-bit hash of a string: FNV-1a over its UTF-16 code units, finished with MurmurHash3's fmix32
 * so that strings differing only in their last characters still spread over the whole range.
 * Stable across engines and releases: split variants and run ids depend on it never changing.
 */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}
