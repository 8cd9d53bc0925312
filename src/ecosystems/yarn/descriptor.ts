import { ParseError } from '../../core/errors.js';
import { assertPackageName, quote } from '../shared/names.js';

/** `name@range` as yarn writes it in entry keys and resolves dependencies by. */
export interface Descriptor {
  readonly name: string;
  readonly range: string;
}

/**
 * Splits `name@range` (scoped names keep their leading `@`).
 * @throws {ParseError} MALFORMED when there is no range, INVALID_NAME for a bad name
 */
export function parseDescriptor(text: string, file: string): Descriptor {
  const at = text.indexOf('@', text.startsWith('@') ? 1 : 0);
  if (at <= 0) throw new ParseError('MALFORMED', file, `entry key ${quote(text)} is not name@range`);
  const name = text.slice(0, at);
  assertPackageName(name, file);
  return { name, range: text.slice(at + 1) };
}

/** The package an `npm:` alias range points at (`npm:lodash@3.10.1` → lodash, 3.10.1); undefined for plain ranges. */
export function aliasTarget(range: string): Descriptor | undefined {
  if (!range.startsWith('npm:')) return undefined;
  const rest = range.slice(4);
  const at = rest.indexOf('@', rest.startsWith('@') ? 1 : 0);
  if (at <= 0) return undefined;
  return { name: rest.slice(0, at), range: rest.slice(at + 1) };
}

/** Splits an entry key (`a@^1, a@^1.2` or `"a@^1", "a@^1.2"`) into its descriptors. */
export function splitKey(key: string): string[] {
  const parts: string[] = [];
  for (const raw of key.split(',')) {
    const part = unquote(raw.trim());
    if (part) parts.push(part);
  }
  return parts;
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}
