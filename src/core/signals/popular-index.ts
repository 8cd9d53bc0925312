import { deletionCount, deletionHashes } from './deletion-hashes.js';
import { editDistance } from './edit-distance.js';

/** A popular name a new name resembles. */
export interface Resemblance {
  readonly name: string;
  /** 0 for a look-alike (same skeleton), else the edit distance. */
  readonly distance: number;
  readonly kind: 'confusable' | 'edit-distance';
  /** Position in the popularity list, 1 = most popular. */
  readonly rank: number;
}

/** Names shorter than this are matched only as look-alikes: among a few thousand popular names nearly every short name is one edit from one (`ms`, `qs`, `ws`, `os`). */
export const MIN_LENGTH_FOR_EDITS = 5;
/** From this length on, two edits still make an imitation. */
export const LENGTH_FOR_TWO_EDITS = 10;
/** Bits of the membership filter in front of the hash table (256 KiB). */
const FILTER_BITS = 1 << 21;

/**
 * Popular names pre-indexed for fast look-ups: a set for membership, a map of look-alike skeletons,
 * and a symmetric-deletion index (the hash of every string reachable by deleting up to two characters
 * points back to the names it came from; two strings within k edits always share such a string with
 * at most k deletions on each side), so a query hashes its own deletions and measures the distance
 * only to the few names that share one instead of to every popular name.
 */
export class PopularIndex {
  private readonly rank = new Map<string, number>();
  private readonly skeletons = new Map<string, number[]>();
  /**
   * Deletion-variant hashes in a chained hash table of typed arrays: `heads[slot]` is the first entry
   * of the slot, each entry holds its hash, the name it came from and the next entry of the slot.
   */
  private readonly heads: Int32Array;
  private readonly entryHash: Int32Array;
  private readonly entryName: Int32Array;
  private readonly entryNext: Int32Array;
  private entries = 0;
  /** One bit per hash value (modulo its size), small enough to stay in cache: most query hashes miss, and are dismissed here. */
  private readonly filter = new Uint32Array(FILTER_BITS / 32);
  /** Per-query marks of names already checked (a counter per query avoids clearing). */
  private readonly seen: Uint32Array;
  private query = 0;

  constructor(private readonly names: readonly string[]) {
    this.seen = new Uint32Array(names.length);
    const depthOf = (name: string): number => (name.length < MIN_LENGTH_FOR_EDITS ? -1 : name.length >= LENGTH_FOR_TWO_EDITS - 2 ? 2 : 1);
    let total = 0;
    for (const name of names) if (depthOf(name) >= 0) total += deletionCount(name.length, depthOf(name));
    let size = 1024;
    while (size < total) size *= 2;
    this.heads = new Int32Array(size).fill(-1);
    this.entryHash = new Int32Array(total);
    this.entryName = new Int32Array(total);
    this.entryNext = new Int32Array(total);
    names.forEach((name, i) => {
      if (this.rank.has(name)) return;
      this.rank.set(name, i);
      push(this.skeletons, skeleton(name), i);
      // Only a name of at least LENGTH_FOR_TWO_EDITS - 2 characters can be two edits from a query long enough for two.
      const depth = depthOf(name);
      if (depth < 0) return;
      const count = deletionHashes(name, depth, buffer(deletionCount(name.length, depth)));
      for (let k = 0; k < count; k++) this.add(hashes[k]!, i);
    });
  }

  private add(hash: number, name: number): void {
    const entry = this.entries++;
    const slot = hash & (this.heads.length - 1);
    this.entryHash[entry] = hash;
    this.entryName[entry] = name;
    this.entryNext[entry] = this.heads[slot]!;
    this.heads[slot] = entry;
    const bit = hash & (FILTER_BITS - 1);
    this.filter[bit >>> 5]! |= 1 << (bit & 31);
  }

  isPopular(name: string): boolean {
    return this.rank.has(name);
  }

  /** The closest popular name `name` imitates, or `undefined`. Popular names never imitate. */
  resemble(name: string): Resemblance | undefined {
    if (this.rank.has(name)) return undefined;
    const lookAlike = this.skeletons.get(skeleton(name))?.[0];
    if (lookAlike !== undefined) return { name: this.names[lookAlike]!, distance: 0, kind: 'confusable', rank: lookAlike + 1 };
    if (name.length < MIN_LENGTH_FOR_EDITS) return undefined;
    const max = name.length >= LENGTH_FOR_TWO_EDITS ? 2 : 1;
    let best: Resemblance | undefined;
    const mark = ++this.query;
    const check = (i: number): void => {
      if (this.seen[i] === mark) return;
      this.seen[i] = mark;
      const candidate = this.names[i]!;
      const distance = editDistance(name, candidate, max);
      if (distance > max) return;
      if (!best || distance < best.distance || (distance === best.distance && i + 1 < best.rank)) best = { name: candidate, distance, kind: 'edit-distance', rank: i + 1 };
    };
    const mask = this.heads.length - 1;
    const count = deletionHashes(name, max, buffer(deletionCount(name.length, max)));
    for (let k = 0; k < count; k++) {
      const hash = hashes[k]!;
      const bit = hash & (FILTER_BITS - 1);
      if ((this.filter[bit >>> 5]! & (1 << (bit & 31))) === 0) continue;
      for (let entry = this.heads[hash & mask]!; entry >= 0; entry = this.entryNext[entry]!) {
        if (this.entryHash[entry] === hash) check(this.entryName[entry]!);
      }
    }
    return best;
  }
}

let hashes = new Int32Array(4096);

/** The shared scratch buffer for deletion hashes, grown to hold `size`. */
function buffer(size: number): Int32Array {
  if (hashes.length < size) hashes = new Int32Array(size);
  return hashes;
}

const cache = new WeakMap<readonly string[], PopularIndex>();

/** One index per list, built on first use and kept while the list lives. */
export function popularIndex(names: readonly string[]): PopularIndex {
  let index = cache.get(names);
  if (!index) cache.set(names, (index = new PopularIndex(names)));
  return index;
}

/**
 * What a name looks like at a glance: lower case, `rn` read as `m`, `vv` as `w`, `1` as `l`, `0` as
 * `o`, and separators (`-`, `_`, `.`, the scope's `@` and `/`) dropped — so `crossenv`, `cross_env`
 * and `@cross/env` all look like `cross-env`, and `@typescript_eslint/parser` like `@typescript-eslint/parser`.
 */
export function skeleton(name: string): string {
  return name.toLowerCase().replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/1/g, 'l').replace(/0/g, 'o').replace(/[-_.@/]/g, '');
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
