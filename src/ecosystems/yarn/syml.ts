import { parseSyml } from '@yarnpkg/parsers';
import { ParseError } from '../../core/errors.js';
import type { Limits } from '../../core/limits.js';
import { quote } from '../shared/names.js';
import { assertTextSize } from '../shared/text.js';
import { readClassicLockfile } from './classic-reader.js';
import { splitKey } from './descriptor.js';

/**
 * Parses a yarn.lock after checking its size: a v1 file (`legacy`) with our
 * line reader (same tree as yarn's `parseSyml`, several times faster), a berry
 * file with yarn's own `parseSyml` (js-yaml) once no entry key appears twice
 * (the parser would silently keep the last one).
 * @throws {ParseError} TOO_LARGE, MALFORMED or CONFLICT
 */
export function readSyml(content: string, path: string, limits: Limits, legacy: boolean): Record<string, unknown> {
  // A string's UTF-8 size is at most three bytes per UTF-16 unit: encode only when it could be over.
  assertTextSize(content, path, limits);
  if (legacy) return readClassicLockfile(content, path);
  assertUniqueKeys(content, path);
  let parsed: unknown;
  try {
    parsed = parseSyml(content);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new ParseError('MALFORMED', path, `is not a valid yarn.lock (${detail})`, { cause });
  }
  const record = ownRecord(parsed);
  if (!record) throw new ParseError('MALFORMED', path, 'is not a valid yarn.lock (no entries at the top level)');
  return record;
}

/**
 * A plain object straight from the parser, or undefined. Yarn's v1 grammar
 * turns a `__proto__` key into the object's prototype, so anything with a
 * foreign prototype is refused rather than read.
 */
export function ownRecord(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  return value as Record<string, unknown>;
}

function assertUniqueKeys(content: string, path: string): void {
  const seen = new Set<string>();
  let start = 0;
  while (start < content.length) {
    let end = content.indexOf('\n', start);
    if (end < 0) end = content.length;
    const first = content.charCodeAt(start);
    // Top-level keys start in column 0; skip indented lines, comments and blank lines.
    if (first !== 32 && first !== 9 && first !== 35 && first !== 10 && first !== 13) {
      let line = content.slice(start, end).trimEnd();
      if (line.endsWith(':')) line = line.slice(0, -1);
      for (const descriptor of splitKey(line)) {
        if (seen.has(descriptor)) {
          throw new ParseError('CONFLICT', path, `lists ${quote(descriptor)} in two entries`);
        }
        seen.add(descriptor);
      }
    }
    start = end + 1;
  }
}
