import { ParseError } from '../../core/errors.js';
import { quote } from '../shared/names.js';

/**
 * The key dialects chaingate reads: `5.4` (pnpm 5 to 7, lockfileVersion 5.0
 * to 5.4), `6.0` (pnpm 8), `9.0` (pnpm 9 and 10).
 */
export type LockfileVersion = '5.4' | '6.0' | '9.0';

/** Each lockfileVersion read, and its key dialect. 5.0 to 5.3 differ from 5.4 in nothing the graph needs. */
const DIALECTS: ReadonlyMap<string, LockfileVersion> = new Map([
  ['5.0', '5.4'],
  ['5.1', '5.4'],
  ['5.2', '5.4'],
  ['5.3', '5.4'],
  ['5.4', '5.4'],
  ['6.0', '6.0'],
  ['9.0', '9.0'],
]);

/** A file's `lockfileVersion` as written, and the dialect its keys follow. */
export interface VersionInfo {
  readonly text: string;
  readonly dialect: LockfileVersion;
}

/** @throws {ParseError} UNSUPPORTED_VERSION for a missing or unknown `lockfileVersion` */
export function readLockfileVersion(doc: Record<string, unknown>, path: string): VersionInfo {
  const raw = doc.lockfileVersion;
  // 5.x is written unquoted (a YAML number); 6.0 and 9.0 are quoted strings.
  const text = typeof raw === 'number' ? raw.toFixed(1) : typeof raw === 'string' ? raw : undefined;
  const dialect = text === undefined ? undefined : DIALECTS.get(text);
  if (text === undefined || dialect === undefined) {
    const shown = raw === undefined ? 'no lockfileVersion' : `lockfileVersion ${quote(String(raw))}`;
    throw new ParseError(
      'UNSUPPORTED_VERSION',
      path,
      `has ${shown}; chaingate reads pnpm lockfiles 5.0 to 5.4, 6.0 and 9.0 (pnpm 5 to 10)`,
    );
  }
  return { text, dialect };
}

/** What a package key says by itself. */
export interface KeyParts {
  /** Name and version from the key, when it has the registry form; undefined for URL, git and `file:` keys. */
  readonly name: string | undefined;
  readonly version: string | undefined;
  /** The key without its peer suffix: all peer variants of one artefact share it. */
  readonly base: string;
}

/**
 * Splits a package (5.4, 6.0) or snapshot (9.0) key:
 * - 5.4 `/name/1.2.3_peer@1.0.0+other@2.0.0` (or a `_hash` peer suffix)
 * - 6.0 `/name@1.2.3(peer@1.0.0)(other@2.0.0)`
 * - 9.0 `name@1.2.3(peer@1.0.0)`
 * Keys of other shapes (a host path, `file:` …) come back with the base only; the entry names itself.
 */
export function splitKey(key: string, version: LockfileVersion): KeyParts {
  if (version === '5.4') return splitSlashKey(key);
  const paren = key.indexOf('(');
  const base = paren < 0 ? key : key.slice(0, paren);
  const spec = version === '6.0' ? (base.startsWith('/') ? base.slice(1) : undefined) : base;
  if (spec === undefined) return { name: undefined, version: undefined, base };
  const at = spec.indexOf('@', 1);
  if (at < 0) return { name: undefined, version: undefined, base };
  return { name: spec.slice(0, at), version: spec.slice(at + 1), base };
}

function splitSlashKey(key: string): KeyParts {
  if (!key.startsWith('/')) return { name: undefined, version: undefined, base: key };
  const spec = key.slice(1);
  const segments = spec.split('/');
  const nameLength = segments[0]?.startsWith('@') ? 2 : 1;
  let name = segments.slice(0, nameLength).join('/');
  let rest = segments.slice(nameLength).join('/');
  if (rest.includes('/')) {
    // Not a name pnpm writes (the peer suffix spells `/` as `+`): keep the whole path as the name so the
    // name check refuses it, rather than reading `/../evil/1.0.0` as package `..`.
    name = spec.slice(0, spec.lastIndexOf('/'));
    rest = spec.slice(spec.lastIndexOf('/') + 1);
  }
  const underscore = rest.indexOf('_');
  const version = underscore < 0 ? rest : rest.slice(0, underscore);
  if (version === '') return { name: undefined, version: undefined, base: key };
  return { name, version, base: `/${name}/${version}` };
}

/**
 * The keys a dependency reference may point at, most likely first. A reference
 * is a bare version (`1.2.3`, `1.2.3(react@18.3.1)`, `1.2.3_react@18.3.1`) under
 * the alias's own name, or a full key for aliases and non-registry packages
 * (`/lodash/3.10.1`, `/lodash@3.10.1`, `lodash@3.10.1`, `github.com/…`).
 */
export function referenceKeys(alias: string, reference: string, version: LockfileVersion): string[] {
  switch (version) {
    case '5.4':
      return reference.startsWith('/') ? [reference] : [`/${alias}/${reference}`, reference];
    case '6.0':
      return reference.startsWith('/') ? [reference] : [`/${alias}@${reference}`, reference];
    case '9.0':
      return [`${alias}@${reference}`, reference];
  }
}
