/**
 * Hashes of every string made by deleting up to two characters of a word, computed from prefix hashes
 * in constant time each, in 32-bit integer arithmetic — no string is built. A collision only costs
 * one needless distance check, since every hit is verified.
 */

const BASE = 0x01000193; // odd, so powers never vanish modulo 2^32
const MAX_LENGTH = 256;

const pow = new Int32Array(MAX_LENGTH + 1);
pow[0] = 1;
for (let i = 1; i <= MAX_LENGTH; i++) pow[i] = Math.imul(pow[i - 1]!, BASE);

const prefix = new Int32Array(MAX_LENGTH + 1);

/** Hash of `word[from, to)` from the prefix table of the current word. */
function part(from: number, to: number): number {
  return (prefix[to]! - Math.imul(prefix[from]!, pow[to - from]!)) | 0;
}

/** Hash of the concatenation of a string hashed `a` and one of `length` characters hashed `b`. */
function join(a: number, b: number, length: number): number {
  return (Math.imul(a, pow[length]!) + b) | 0;
}

/**
 * Writes into `out` the hash of `word` and of each string made by deleting up to `depth` (0–2) of its
 * characters (a string reached several ways appears several times) and returns how many it wrote;
 * `out` must hold {@link deletionCount} hashes. Words longer than 256 characters are not expanded
 * (npm names are at most 214): 0 is returned.
 */
export function deletionHashes(word: string, depth: number, out: Int32Array): number {
  const n = word.length;
  if (n > MAX_LENGTH) return 0;
  for (let i = 0; i < n; i++) prefix[i + 1] = (Math.imul(prefix[i]!, BASE) + word.charCodeAt(i)) | 0;
  let count = 0;
  out[count++] = prefix[n]!;
  if (depth < 1) return count;
  for (let i = 0; i < n; i++) {
    const head = prefix[i]!;
    out[count++] = join(head, part(i + 1, n), n - i - 1);
    if (depth < 2) continue;
    for (let j = i + 1; j < n; j++) out[count++] = join(join(head, part(i + 1, j), j - i - 1), part(j + 1, n), n - j - 1);
  }
  return count;
}

/** How many hashes {@link forEachDeletionHash} emits for a word of `length` characters. */
export function deletionCount(length: number, depth: number): number {
  if (length > MAX_LENGTH) return 0;
  return 1 + (depth >= 1 ? length : 0) + (depth >= 2 ? (length * (length - 1)) / 2 : 0);
}
