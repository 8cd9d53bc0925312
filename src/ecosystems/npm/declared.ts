import { ParseError } from '../../core/errors.js';
import type { DependencyKind } from '../../core/model.js';
import { isRecord } from '../shared/text.js';

export type DeclareEdge = (name: string, kind: DependencyKind) => void;

/**
 * Calls `declare` for every dependency an entry (or package.json) declares,
 * most binding kind first. npm's arborist lets a later group replace an
 * earlier edge of the same name (peer, then prod, then optional, then dev);
 * the graph builder keeps the first edge, so the order here is reversed.
 * `devDependencies` only count for projects (root, workspaces, linked folders),
 * as in npm.
 * @throws {ParseError} MALFORMED when a group is not an object
 */
export function forEachDeclared(
  entry: Record<string, unknown>,
  withDev: boolean,
  where: string,
  path: string,
  declare: DeclareEdge,
): void {
  if (withDev) eachName(entry.devDependencies, 'devDependencies', where, path, (name) => declare(name, 'dev'));
  eachName(entry.optionalDependencies, 'optionalDependencies', where, path, (name) => declare(name, 'optional'));
  eachName(entry.dependencies, 'dependencies', where, path, (name) => declare(name, 'prod'));
  if (entry.peerDependencies === undefined) return;
  const meta = isRecord(entry.peerDependenciesMeta) ? entry.peerDependenciesMeta : undefined;
  eachName(entry.peerDependencies, 'peerDependencies', where, path, (name) => {
    const flags = meta?.[name];
    declare(name, isRecord(flags) && flags.optional === true ? 'optional' : 'peer');
  });
}

function eachName(group: unknown, field: string, where: string, path: string, each: (name: string) => void): void {
  if (group === undefined) return;
  if (!isRecord(group)) throw new ParseError('MALFORMED', path, `${where} has ${field} that is not an object`);
  for (const name of Object.keys(group)) each(name);
}

/** A string field, `undefined` when absent. @throws {ParseError} MALFORMED when present but not a string */
export function stringField(entry: Record<string, unknown>, field: string, where: string, path: string): string | undefined {
  const value = entry[field];
  if (value === undefined || typeof value === 'string') return value;
  throw new ParseError('MALFORMED', path, `${where} has a ${field} that is not a string`);
}
