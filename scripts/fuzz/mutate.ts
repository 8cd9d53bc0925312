import type { Random } from './random.js';

/**
 * Mutations of real inputs and inputs made from nothing, aimed at what
 * lockfile, SBOM, policy and advisory readers get wrong: wrong types, missing
 * and duplicated keys, prototype keys, deep nesting, huge counts, odd
 * escapes, broken indentation, truncation, and pieces of other valid files.
 */

/** Strings that have broken parsers before. */
const INTERESTING_STRINGS = [
  '', '0', '-1', '1e400', '-0', 'NaN', 'null', 'true', '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString',
  '../../../../etc/passwd', '/etc/passwd', 'C:\\Windows', '\u0000', '\ud800', '\udfff', '\u202e', '\ufeff', '\r\n', '\t',
  'npm:', 'npm:lodash@4.17.21', 'link:../x', 'file:../x', 'workspace:*', 'workspace:^', 'patch:lodash@npm%3A4.17.21#./x.patch',
  'git+https://user:token@github.com/o/r.git#abc', 'github:o/r#semver:^1', 'https://registry.npmjs.org/a/-/a-1.0.0.tgz',
  '@', '@scope/', '@/x', 'a@', '@@', '1.0.0-rc.1+build.5', '*', '^1 || >2 <3', 'latest', 'x'.repeat(300), 'ｌｏｄａｓｈ',
  'sha512-' + 'A'.repeat(86) + '==', 'sha1-', '\\u0000', '%00', '${{ secrets.X }}', '<!-- x -->', '@everyone',
];

const INTERESTING_NUMBERS = [0, -1, 1, 2, 3, 4, 5, 6, 9, 1.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, Number.MIN_VALUE];

const YAML_LINES = [
  '---', '...', 'x: &a [1, 2]', 'y: *a', '<<: *a', 'z: !!binary aGVsbG8=', '? complex', ': value', 'k: |', 'k: >-', '\t- tab',
  'packages:', 'importers:', 'lockfileVersion: 9.0', "lockfileVersion: '6.0'", '  resolution: {integrity: sha512-x}', 'a: {', 'b: [',
  '"quoted key": 1', "'single': 2", 'dup: 1', 'dup: 2', '# comment', '  - ', '- - - -', 'key: !custom tag', '__proto__: {}',
  '__metadata:', '  version: 8', '"a@npm:1.0.0":', '  dependencies:', '    b: "npm:^1"', 'a@^1, a@^2:', '  version "1.0.0"',
];

/** Mutates text a few times (1-4), keeping it under `maxLength`. */
export function mutateText(rng: Random, text: string, others: readonly string[], maxLength: number): string {
  let out = text;
  // Mostly one mutation, so most inputs stay close enough to valid to reach the code past the first check.
  const rounds = rng.chance(0.6) ? 1 : rng.between(2, 4);
  for (let round = 0; round < rounds; round++) {
    const json = looksLikeJson(out) && rng.chance(0.5) ? mutateJsonText(rng, out) : undefined;
    out = json ?? rng.pick(TEXT_MUTATIONS)(rng, out, others);
    if (out.length > maxLength) out = out.slice(0, maxLength);
  }
  return out;
}

type TextMutation = (rng: Random, text: string, others: readonly string[]) => string;

const TEXT_MUTATIONS: readonly TextMutation[] = [
  // Replace one character.
  (rng, t) => splice(t, rng.int(t.length + 1), 1, rng.pick(['{', '}', '[', ']', '"', ':', ',', '\n', ' ', '-', "'", '#', '@', '\\', '\u0000', '\uffff', '\ud800', '0', 'a'])),
  // Delete a span.
  (rng, t) => splice(t, rng.int(t.length + 1), rng.between(1, 64), ''),
  // Copy a span elsewhere.
  (rng, t) => {
    const start = rng.int(t.length + 1);
    return splice(t, rng.int(t.length + 1), 0, t.slice(start, start + rng.between(1, 400)));
  },
  // Truncate.
  (rng, t) => t.slice(0, rng.int(t.length + 1)),
  // Insert an interesting string, quoted or not.
  (rng, t) => splice(t, rng.int(t.length + 1), 0, rng.chance(0.5) ? JSON.stringify(rng.pick(INTERESTING_STRINGS)) : rng.pick(INTERESTING_STRINGS)),
  // Splice in a piece of another valid input of the same format.
  (rng, t, others) => {
    if (others.length === 0) return t;
    const other = rng.pick(others);
    const from = rng.int(other.length + 1);
    return splice(t, rng.int(t.length + 1), rng.int(64), other.slice(from, from + rng.between(1, 2000)));
  },
  // Line-level: duplicate, delete, swap, re-indent, or insert a YAML-ish line.
  (rng, t) => {
    const lines = t.split('\n');
    const at = rng.int(lines.length);
    const line = lines[at] ?? '';
    switch (rng.int(5)) {
      case 0:
        lines.splice(at, 0, line);
        break;
      case 1:
        lines.splice(at, rng.between(1, 5));
        break;
      case 2:
        lines.splice(at, 1, lines[at + 1] ?? '', line);
        break;
      case 3:
        lines[at] = rng.chance(0.5) ? `${' '.repeat(rng.between(1, 8))}${line}` : line.trimStart();
        break;
      default:
        lines.splice(at, 0, `${' '.repeat(rng.int(3) * 2)}${rng.pick(YAML_LINES)}`);
    }
    return lines.join('\n');
  },
  // Deep nesting (recursion limits).
  (rng, t) => {
    const depth = rng.pick([64, 300, 3000, 20000]);
    const [open, close] = rng.pick([['[', ']'], ['{"a":', '}'], ['- ', ''], ['a:\n ', '']] as const);
    return splice(t, rng.int(t.length + 1), 0, open.repeat(depth) + (rng.chance(0.5) ? close.repeat(depth) : ''));
  },
  // A duplicate key right after an opening brace.
  (rng, t) => {
    const braces = [...t.matchAll(/\{/gu)].map((m) => m.index);
    if (braces.length === 0) return t;
    const at = rng.pick(braces) + 1;
    const key = rng.pick(['name', 'version', 'dependencies', 'packages', 'resolved', 'integrity', 'id', 'affected', 'components', '__proto__', 'd\\u0065bug', '']);
    return splice(t, at, 0, `${JSON.stringify(key).replace('\\\\u', '\\u')}: ${JSON.stringify(randomJson(rng, 2))},`);
  },
];

/** Structure-aware mutation of a JSON text; `undefined` when it does not parse. */
export function mutateJsonText(rng: Random, text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const holders = collectHolders(value, 5000);
  if (holders.length === 0) return JSON.stringify(randomJson(rng, 4));
  const [holder, key] = rng.pick(holders);
  const current = (holder as Record<string | number, unknown>)[key];
  switch (rng.int(7)) {
    case 0:
      (holder as Record<string | number, unknown>)[key] = randomJson(rng, 3);
      break;
    case 1:
      if (Array.isArray(holder)) holder.splice(key as number, 1);
      else delete (holder as Record<string, unknown>)[key];
      break;
    case 2:
      // Same value under a near-identical or hostile key.
      if (!Array.isArray(holder)) (holder as Record<string, unknown>)[rng.pick([`${String(key)} `, String(key).toUpperCase(), '__proto__', 'constructor', ''])] = current;
      break;
    case 3:
      (holder as Record<string | number, unknown>)[key] = rng.pick([null, true, 0, -1, '', [], {}, 1e400, 'x'.repeat(100_000)]);
      break;
    case 4:
      // Many copies: counts and quadratic paths.
      (holder as Record<string | number, unknown>)[key] = Array.from({ length: rng.pick([2, 100, 5000]) }, () => current);
      break;
    case 5:
      if (typeof current === 'string') (holder as Record<string | number, unknown>)[key] = rng.pick(INTERESTING_STRINGS);
      else if (typeof current === 'number') (holder as Record<string | number, unknown>)[key] = rng.pick(INTERESTING_NUMBERS);
      else (holder as Record<string | number, unknown>)[key] = String(rng.pick(INTERESTING_NUMBERS));
      break;
    default:
      if (Array.isArray(holder)) holder.reverse();
      else swapValues(rng, holder as Record<string, unknown>);
  }
  try {
    return JSON.stringify(value, null, rng.chance(0.5) ? 2 : undefined);
  } catch {
    return undefined;
  }
}

/** A random JSON value, biased towards the shapes the readers expect. */
export function randomJson(rng: Random, depth: number): unknown {
  const kind = depth <= 0 ? rng.int(4) : rng.int(7);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick(INTERESTING_NUMBERS);
    case 3:
      return rng.pick(INTERESTING_STRINGS);
    case 4:
      return Array.from({ length: rng.int(5) }, () => randomJson(rng, depth - 1));
    default: {
      const keys = ['name', 'version', 'resolved', 'integrity', 'dependencies', 'packages', 'lockfileVersion', 'requires', 'dev', 'optional',
        'link', 'workspaces', 'id', 'affected', 'ranges', 'events', 'introduced', 'fixed', 'bomFormat', 'specVersion', 'components',
        'purl', 'bom-ref', 'spdxVersion', 'SPDXID', 'relationships', '__proto__', 'constructor'];
      const out: Record<string, unknown> = {};
      for (let i = rng.int(6); i > 0; i--) out[rng.pick(keys)] = randomJson(rng, depth - 1);
      return out;
    }
  }
}

/** A made-up YAML-ish or yarn-ish text from the lines readers of those formats expect. */
export function randomLines(rng: Random): string {
  return Array.from({ length: rng.between(1, 60) }, () => `${' '.repeat(rng.int(4) * 2)}${rng.pick(YAML_LINES)}`).join('\n');
}

/** Byte-level mutation for binary inputs (zip archives). */
export function mutateBytes(rng: Random, bytes: Buffer, others: readonly Buffer[]): Buffer {
  let out = Buffer.from(bytes);
  const rounds = rng.between(1, 4);
  for (let round = 0; round < rounds; round++) {
    const at = rng.int(Math.max(out.length, 1));
    switch (rng.int(5)) {
      case 0:
        if (out.length > 0) out[at] = rng.int(256);
        break;
      case 1: {
        // A header field set to an interesting value (sizes, counts, offsets).
        const value = rng.pick([0, 1, 0xff, 0xffff, 0xffffffff, 0x7fffffff, 0x80000000]);
        if (at + 4 <= out.length) out.writeUInt32LE(value >>> 0, at);
        else if (at + 2 <= out.length) out.writeUInt16LE(value & 0xffff, at);
        break;
      }
      case 2:
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + rng.between(1, 64))]);
        break;
      case 3: {
        const other = others.length > 0 ? rng.pick(others) : out;
        const from = rng.int(Math.max(other.length, 1));
        out = Buffer.concat([out.subarray(0, at), other.subarray(from, from + rng.between(1, 512)), out.subarray(at)]);
        break;
      }
      default:
        out = out.subarray(0, at);
    }
  }
  return out;
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

function splice(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

function collectHolders(root: unknown, max: number): [object, string | number][] {
  const out: [object, string | number][] = [];
  const pending: unknown[] = [root];
  while (pending.length > 0 && out.length < max) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        out.push([node, i]);
        pending.push(child);
      });
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        out.push([node, key]);
        pending.push(child);
      }
    }
  }
  return out;
}

function swapValues(rng: Random, holder: Record<string, unknown>): void {
  const keys = Object.keys(holder);
  if (keys.length < 2) return;
  const a = rng.pick(keys);
  const b = rng.pick(keys);
  [holder[a], holder[b]] = [holder[b], holder[a]];
}
