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

/**
 * Popular names pre-indexed for fast look-ups: a set for membership, a map of look-alike skeletons,
 * and a symmetric-deletion index (every string reachable by deleting up to two characters points back
 * to the names it came from), so a query generates its own deletions and checks only the few names
 * that share one instead of comparing against every popular name.
 */
export class PopularIndex {
  private readonly rank = new Map<string, number>();
  private readonly skeletons = new Map<string, number[]>();
  private readonly deletions = new Map<string, number[]>();

  constructor(private readonly names: readonly string[]) {
    names.forEach((name, i) => {
      if (this.rank.has(name)) return;
      this.rank.set(name, i);
      push(this.skeletons, skeleton(name), i);
      // A name can be within two edits of a query of length ≥ LENGTH_FOR_TWO_EDITS only when it is at least two shorter.
      const depth = name.length >= LENGTH_FOR_TWO_EDITS - 2 ? 2 : 1;
      for (const variant of deletionsOf(name, depth)) push(this.deletions, variant, i);
    });
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
    const checked = new Set<number>();
    for (const variant of deletionsOf(name, max)) {
      for (const i of this.deletions.get(variant) ?? []) {
        if (checked.has(i)) continue;
        checked.add(i);
        const candidate = this.names[i]!;
        if (candidate.length < MIN_LENGTH_FOR_EDITS) continue;
        const distance = editDistance(name, candidate, max);
        if (distance > max) continue;
        if (!best || distance < best.distance || (distance === best.distance && i + 1 < best.rank)) best = { name: candidate, distance, kind: 'edit-distance', rank: i + 1 };
      }
    }
    return best;
  }
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

/** The name itself and every string made by deleting up to `depth` of its characters. */
function deletionsOf(name: string, depth: number): Set<string> {
  const out = new Set<string>([name]);
  let frontier = [name];
  for (let level = 0; level < depth; level++) {
    const next: string[] = [];
    for (const word of frontier) {
      for (let i = 0; i < word.length; i++) {
        const shorter = word.slice(0, i) + word.slice(i + 1);
        if (!out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return out;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
