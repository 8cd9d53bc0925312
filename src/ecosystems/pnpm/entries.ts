import { ParseError } from '../../core/errors.js';
import type { DependencyKind } from '../../core/model.js';
import { assertPackageName, quote } from '../shared/names.js';
import { isRecord } from '../shared/text.js';

/** One dependency as a lockfile entry or importer records it: the alias and what it resolved to. */
export interface Reference {
  readonly alias: string;
  /** A version, a peer-suffixed version, a full key, or `link:<dir>`. */
  readonly reference: string;
  readonly kind: DependencyKind;
}

/** A YAML mapping as an own-keys Map, so no key can reach Object.prototype (`__proto__`, `constructor`). */
export function toMap(value: unknown, what: string, path: string): Map<string, unknown> {
  if (value === undefined || value === null) return new Map();
  if (!isRecord(value)) throw new ParseError('MALFORMED', path, `${what} is not a mapping`);
  return new Map(Object.entries(value));
}

/**
 * Reads one dependency map (`dependencies: {alias: reference}`), in the 5.4
 * form (plain strings) or the 6.0 / 9.0 importer form (`{specifier, version}`;
 * a `link:` / `file:` specifier stands in for a missing version).
 * Aliases go through {@link assertPackageName}.
 * @throws {ParseError} MALFORMED, INVALID_NAME
 */
export function readReferences(value: unknown, kind: DependencyKind, what: string, path: string): Reference[] {
  const out: Reference[] = [];
  for (const [alias, raw] of toMap(value, what, path)) {
    assertPackageName(alias, path);
    const reference = isRecord(raw) ? (raw.version ?? localSpecifier(raw.specifier)) : raw;
    if (typeof reference !== 'string' || reference === '') {
      throw new ParseError('MALFORMED', path, `${what}.${quote(alias)} has no version`);
    }
    out.push({ alias, reference, kind });
  }
  return out;
}

/**
 * pnpm may record a `link:` or `file:` folder dependency by its specifier
 * alone: the specifier is then the reference (it names the folder itself).
 * Any other dependency without a version stays malformed.
 */
function localSpecifier(specifier: unknown): unknown {
  return typeof specifier === 'string' && (specifier.startsWith('link:') || specifier.startsWith('file:')) ? specifier : undefined;
}

/** Names listed in an entry's `peerDependencies`, whose resolved copies appear among its dependencies. */
export function peerNames(entry: Record<string, unknown>): ReadonlySet<string> {
  return isRecord(entry.peerDependencies) ? new Set(Object.keys(entry.peerDependencies)) : new Set();
}
