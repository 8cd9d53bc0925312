import { ParseError } from '../../core/errors.js';
import type { DependencyKind } from '../../core/model.js';
import { isRecord } from '../shared/text.js';

/** Receives the declared dependencies of one entry; one object serves every entry, so nothing is allocated per entry. */
export interface DeclarationSink {
  /** `spec` is the range or spec as written (`^1.2.0`, `file:libs/x`), for warnings; not checked here. */
  declare(name: string, kind: DependencyKind, spec: unknown): void;
  /** Names the entry in an error message; only called then. */
  describe(): string;
}

/**
 * Calls `declare` for every dependency an entry (or package.json) declares,
 * most binding kind first. npm's arborist lets a later group replace an
 * earlier edge of the same name (peer, then prod, then optional, then dev);
 * the graph builder keeps the first edge, so the order here is reversed.
 * `devDependencies` only count for projects (root, workspaces, linked folders),
 * as in npm.
 * @throws {ParseError} MALFORMED when a group is not an object
 */
export function forEachDeclared(entry: Record<string, unknown>, withDev: boolean, path: string, sink: DeclarationSink): void {
  if (withDev && entry.devDependencies !== undefined) {
    const dev = group(entry.devDependencies, 'devDependencies', path, sink);
    for (const name in dev) sink.declare(name, 'dev', dev[name]);
  }
  if (entry.optionalDependencies !== undefined) {
    const optional = group(entry.optionalDependencies, 'optionalDependencies', path, sink);
    for (const name in optional) sink.declare(name, 'optional', optional[name]);
  }
  if (entry.dependencies !== undefined) {
    const prod = group(entry.dependencies, 'dependencies', path, sink);
    for (const name in prod) sink.declare(name, 'prod', prod[name]);
  }
  if (entry.peerDependencies === undefined) return;
  const meta = isRecord(entry.peerDependenciesMeta) ? entry.peerDependenciesMeta : undefined;
  const peers = group(entry.peerDependencies, 'peerDependencies', path, sink);
  for (const name in peers) {
    const flags = meta?.[name];
    sink.declare(name, isRecord(flags) && flags.optional === true ? 'optional' : 'peer', peers[name]);
  }
}

function group(value: unknown, field: string, path: string, sink: DeclarationSink): Record<string, unknown> {
  if (isRecord(value)) return value;
  throw new ParseError('MALFORMED', path, `${sink.describe()} has ${field} that is not an object`);
}

/** The value of a field that must be a string when present. @throws {ParseError} MALFORMED */
export function stringField(
  entry: Record<string, unknown>,
  field: string,
  describe: () => string,
  path: string,
): string | undefined {
  const value = entry[field];
  if (value === undefined || typeof value === 'string') return value;
  throw new ParseError('MALFORMED', path, `${describe()} has a ${field} that is not a string`);
}
