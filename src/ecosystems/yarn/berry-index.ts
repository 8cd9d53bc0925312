import { ParseError } from '../../core/errors.js';
import { quote } from '../shared/names.js';
import type { Descriptor } from './descriptor.js';
import { decodeSafe } from './source.js';

/** One lockfile entry, its key split into descriptors and its resolution into name and reference. */
export interface BerryEntry {
  readonly key: string;
  readonly descriptors: readonly Descriptor[];
  readonly name: string;
  readonly reference: string;
  readonly resolution: string;
  readonly version: string;
  /** Folder of a `workspace:` resolution (`.` for the root); undefined for packages. */
  readonly workspace: string | undefined;
  readonly raw: Record<string, unknown>;
}

export interface BerryIndex {
  /** Finds the entry a dependency `alias: range` resolves to. */
  readonly lookup: (alias: string, range: string) => BerryEntry | undefined;
  /** Entries yarn only fetches as the base of a `patch:` entry; the patched entry is what gets installed. */
  readonly patchedAway: ReadonlySet<BerryEntry>;
}

/**
 * Indexes entries by descriptor. A descriptor that a `patch:` entry wraps
 * (`resolve@npm:^1.22.8` inside `resolve@patch:resolve@npm%3A^1.22.8#…`)
 * resolves to the patched entry, as yarn's compat and user patches do.
 * @throws {ParseError} CONFLICT when two entries claim one descriptor
 */
export function indexEntries(entries: readonly BerryEntry[], path: string): BerryIndex {
  const byDescriptor = new Map<string, BerryEntry>();
  const patched = new Map<string, BerryEntry>();
  for (const entry of entries) {
    for (const { name, range } of entry.descriptors) {
      const descriptor = `${name}@${range}`;
      const other = byDescriptor.get(descriptor);
      if (other && other !== entry) {
        throw new ParseError('CONFLICT', path, `${quote(descriptor)} is claimed by ${quote(other.key)} and ${quote(entry.key)}`);
      }
      byDescriptor.set(descriptor, entry);
      if (range.startsWith('patch:')) {
        const hash = range.indexOf('#');
        const inner = decodeSafe(range.slice('patch:'.length, hash < 0 ? undefined : hash));
        patched.set(inner, entry);
        // Yarn 3 writes the wrapped descriptor without its default `npm:` protocol.
        const at = inner.indexOf('@', inner.startsWith('@') ? 1 : 0);
        if (at > 0 && !inner.includes(':', at)) patched.set(`${inner.slice(0, at)}@npm:${inner.slice(at + 1)}`, entry);
      }
    }
  }
  const patchedAway = new Set<BerryEntry>();
  for (const entry of entries) {
    if (entry.workspace !== undefined || entry.descriptors.length === 0) continue;
    if (entry.descriptors.every(({ name, range }) => patched.has(`${name}@${range}`))) patchedAway.add(entry);
  }
  const find = (descriptor: string): BerryEntry | undefined => patched.get(descriptor) ?? byDescriptor.get(descriptor);
  const lookup = (alias: string, range: string): BerryEntry | undefined =>
    find(`${alias}@${range}`) ?? (range.includes(':') ? undefined : find(`${alias}@npm:${range}`));
  return { lookup, patchedAway };
}
