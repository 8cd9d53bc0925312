import { ParseError } from '../../core/errors.js';
import type { Limits } from '../../core/limits.js';
import { quote } from '../shared/names.js';

/**
 * Turns bun's JSONC (JSON with trailing commas, and comments when hand-edited)
 * into strict JSON in one linear pass, so `JSON.parse` can read it. On the way
 * it refuses what `JSON.parse` would silently accept: a key given twice in one
 * object (the later entry would hide the earlier), compared after unescaping
 * so `"d\u0065bug"` is `"debug"`, and nesting deeper than `limits.maxDepth`.
 * @throws {ParseError} MALFORMED, CONFLICT, LIMIT_EXCEEDED
 */
export function jsoncToJson(text: string, path: string, limits: Limits): string {
  const out: string[] = [];
  // One entry per open container: the keys seen so far for an object, null for an array.
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  let copyFrom = 0;
  let i = 0;
  const n = text.length;
  const skip = (from: number, to: number): void => {
    out.push(text.slice(copyFrom, from));
    copyFrom = to;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = endOfString(text, i, path);
      const keys = stack[stack.length - 1];
      if (expectKey && keys) {
        const key = keyText(text, i, end, path);
        if (keys.has(key)) throw new ParseError('CONFLICT', path, `holds the key ${quote(key)} twice in one object`);
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      skip(i, stop);
      i = stop;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new ParseError('MALFORMED', path, 'is not valid JSON (unterminated comment)');
      skip(i, end + 2);
      i = end + 2;
    } else if (c === 0x2c /* , */) {
      const next = nextSignificant(text, i + 1);
      const after = text.charCodeAt(next);
      if (after === 0x7d /* } */ || after === 0x5d /* ] */) skip(i, i + 1);
      expectKey = stack[stack.length - 1] != null;
      i++;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= limits.maxDepth) {
        throw new ParseError('LIMIT_EXCEEDED', path, `nests deeper than ${limits.maxDepth} levels`);
      }
      stack.push(c === 0x7b ? new Set() : null);
      expectKey = c === 0x7b;
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      expectKey = false;
      i++;
    } else {
      i++;
    }
  }
  out.push(text.slice(copyFrom));
  return out.join('');
}

/** A key's text as `JSON.parse` will read it: escapes decoded (only a key that has one pays for it). */
function keyText(text: string, start: number, end: number, path: string): string {
  const raw = text.slice(start + 1, end - 1);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch (error) {
    throw new ParseError('MALFORMED', path, `is not valid JSON (the key ${quote(raw)} has an invalid escape)`, { cause: error });
  }
}

function endOfString(text: string, start: number, path: string): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i + 1;
  }
  throw new ParseError('MALFORMED', path, 'is not valid JSON (unterminated string)');
}

/** Index of the next character that is neither white space nor inside a comment. */
function nextSignificant(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      break;
    }
  }
  return i;
}
