import { ParseError } from '../../core/errors.js';
import type { DependencyKind } from '../../core/model.js';
import { assertPackageName, quote } from '../shared/names.js';
import { isRecord, parseJson } from '../shared/text.js';
import type { OpenSibling } from '../types.js';

/** One dependency a package.json declares. */
export interface DeclaredDependency {
  readonly alias: string;
  readonly range: string;
  readonly kind: DependencyKind;
}

/** What chaingate reads from a workspace's package.json. */
export interface Manifest {
  readonly name?: string | undefined;
  readonly version?: string | undefined;
  /** Declared dependencies by alias; a name in several fields takes npm's precedence (prod, optional, dev, peer). */
  readonly dependencies: ReadonlyMap<string, DeclaredDependency>;
  /** The `workspaces` patterns, as written. */
  readonly workspaces: readonly string[];
  /** The `resolutions` (pattern → reference) with string values, in the order written; yarn reads only the root's. */
  readonly resolutions: ReadonlyMap<string, string>;
}

// Later fields do not override earlier ones, except optionalDependencies over dependencies (as npm and yarn do).
const FIELDS: ReadonlyArray<readonly [string, DependencyKind]> = [
  ['optionalDependencies', 'optional'],
  ['dependencies', 'prod'],
  ['devDependencies', 'dev'],
  ['peerDependencies', 'peer'],
];

/**
 * Reads `<dir>/package.json` next to the lockfile. Undefined when there is no
 * way to open siblings or the file does not exist.
 * @throws {ParseError} MALFORMED when the file exists but is not a package.json, INVALID_NAME for bad names
 */
export async function readManifest(open: OpenSibling | undefined, dir: string, lockPath: string): Promise<Manifest | undefined> {
  if (!open) return undefined;
  const rel = dir === '.' ? 'package.json' : `${dir}/package.json`;
  const text = await open(rel);
  if (text === undefined) return undefined;
  const file = siblingPath(lockPath, rel);
  const json = parseJson(text, file);
  if (!isRecord(json)) throw new ParseError('MALFORMED', file, 'is not a JSON object');
  const dependencies = new Map<string, DeclaredDependency>();
  for (const [field, kind] of FIELDS) {
    const map = json[field];
    if (!isRecord(map)) continue;
    for (const [alias, range] of Object.entries(map)) {
      if (typeof range !== 'string') throw new ParseError('MALFORMED', file, `${field}.${quote(alias)} is not a string`);
      assertPackageName(alias, file);
      if (!dependencies.has(alias)) dependencies.set(alias, { alias, range, kind });
    }
  }
  return {
    name: typeof json.name === 'string' ? json.name : undefined,
    version: typeof json.version === 'string' ? json.version : undefined,
    dependencies,
    workspaces: workspacePatterns(json.workspaces),
    resolutions: stringEntries(json.resolutions),
  };
}

/**
 * The `package.json` paths of the workspaces a root manifest names by literal
 * path (`packages/api`, `./tools/cli/`), for when the tree cannot be listed:
 * globs (`packages/*`) need a listing, and negations only remove.
 */
export function literalWorkspaceManifests(patterns: readonly string[]): string[] {
  const files: string[] = [];
  for (const pattern of patterns) {
    if (/[*?[\]{}!]/.test(pattern)) continue;
    const folder = normaliseFolder(pattern);
    if (folder !== undefined && folder !== '.') files.push(`${folder}/package.json`);
  }
  return files;
}

/** `./packages/api/` → `packages/api`; undefined for paths that leave the project or hold control characters. */
export function normaliseFolder(path: string): string | undefined {
  if (path.startsWith('/') || /[\u0000-\u001f\u007f\\]/u.test(path)) return undefined;
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return undefined;
  return segments.length === 0 ? '.' : segments.join('/');
}

// Yarn skips (with a warning) a resolution whose value is not a string; so does chaingate.
function stringEntries(value: unknown): Map<string, string> {
  const entries = new Map<string, string>();
  if (!isRecord(value)) return entries;
  for (const [key, reference] of Object.entries(value)) if (typeof reference === 'string') entries.set(key, reference);
  return entries;
}

function workspacePatterns(value: unknown): string[] {
  const list = isRecord(value) ? value.packages : value;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
}

function siblingPath(lockPath: string, rel: string): string {
  const slash = lockPath.lastIndexOf('/');
  return slash < 0 ? rel : `${lockPath.slice(0, slash)}/${rel}`;
}
