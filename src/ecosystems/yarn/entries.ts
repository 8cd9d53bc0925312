import { ParseError } from '../../core/errors.js';
import { assertPackageName, quote } from '../shared/names.js';
import { ownRecord } from './syml.js';

/**
 * Reads an entry's `dependencies`-style map (alias → range) as pairs,
 * refusing anything but a mapping of valid names to strings.
 * @throws {ParseError} MALFORMED or INVALID_NAME
 */
export function dependencyPairs(value: unknown, field: string, owner: string, file: string): Array<readonly [string, string]> {
  if (value === undefined) return [];
  const map = ownRecord(value);
  if (!map) throw new ParseError('MALFORMED', file, `entry ${quote(owner)} has a ${field} that is not a mapping`);
  const pairs: Array<readonly [string, string]> = [];
  for (const alias of Object.keys(map)) {
    const range = map[alias];
    if (typeof range !== 'string') {
      throw new ParseError('MALFORMED', file, `entry ${quote(owner)} has ${field}.${quote(alias)} that is not a string`);
    }
    assertPackageName(alias, file);
    pairs.push([alias, range]);
  }
  return pairs;
}

/** A string field of an entry, or undefined; anything else present is MALFORMED. */
export function stringField(entry: Record<string, unknown>, field: string, owner: string, file: string): string | undefined {
  const value = entry[field];
  if (value === undefined || typeof value === 'string') return value;
  throw new ParseError('MALFORMED', file, `entry ${quote(owner)} has a ${field} that is not a string`);
}

/** A required string field. @throws {ParseError} MALFORMED naming the entry and the field */
export function requiredField(entry: Record<string, unknown>, field: string, owner: string, file: string): string {
  const value = stringField(entry, field, owner, file);
  if (value === undefined || value === '') throw new ParseError('MALFORMED', file, `entry ${quote(owner)} has no ${field}`);
  return value;
}

/** @throws {ParseError} LIMIT_EXCEEDED before any work when the file holds more entries than allowed */
export function assertEntryCount(count: number, max: number, file: string): void {
  if (count > max) throw new ParseError('LIMIT_EXCEEDED', file, `holds more than ${max} packages`);
}
