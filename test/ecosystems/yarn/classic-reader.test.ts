import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSyml } from '@yarnpkg/parsers';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/core/errors.js';
import { readClassicLockfile } from '../../../src/ecosystems/yarn/classic-reader.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { syntheticClassicLockfile } from './synthetic-classic.js';
import { thrownBy } from '../../helpers/errors.js';

const HEADER = '# yarn lockfile v1\n';

/** yarn's own reading; it picks the v1 grammar only when the header is there. */
function viaSyml(text: string): unknown {
  return parseSyml(/^(#.*\r?\n)*?#\s+yarn\s+lockfile\s+v1\r?\n/i.test(text) ? text : `${HEADER}${text}`);
}

/** Which top-level keys share one object (`a@^1, a@^1.2:`), as sorted groups. */
function sharing(doc: unknown): string[][] {
  const groups = new Map<unknown, string[]>();
  for (const [key, value] of Object.entries(doc as Record<string, unknown>)) groups.set(value, [...(groups.get(value) ?? []), key]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

function expectSameAsSyml(text: string): void {
  const ours = readClassicLockfile(text, 'yarn.lock');
  const theirs = viaSyml(text);
  expect(ours).toStrictEqual(theirs);
  expect(sharing(ours)).toEqual(sharing(theirs));
}

async function classicFixtures(): Promise<string[]> {
  const root = join(FIXTURES, 'yarn/classic');
  const files = await readdir(root, { recursive: true });
  return files.filter((f) => f === 'yarn.lock' || f.endsWith('/yarn.lock')).map((f) => join(root, f)).sort();
}

const failure = (text: string): ParseError => thrownBy(ParseError, () => readClassicLockfile(text, 'repo/yarn.lock'));

describe('yarn v1 line reader', () => {
  it('reads every classic fixture to the same tree as parseSyml', async () => {
    const files = await classicFixtures();
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expectSameAsSyml(text);
      expectSameAsSyml(text.replace(/^#.*\n/gm, ''));
      expectSameAsSyml(text.replaceAll('\n', '\r\n'));
    }
  });

  it('reads a synthetic lockfile written by yarn 1 rules to the same tree as parseSyml', () => {
    expectSameAsSyml(syntheticClassicLockfile(2000, 7));
  });

  it('reads the less common forms yarn 1 writes the same way', () => {
    expectSameAsSyml(
      [
        '# comment',
        '',
        '"@scope/a@^1.0.0", "@scope/a@^1.1.0":',
        '  version "1.1.0"',
        '  resolved "https://r.example/@scope/a/-/a-1.1.0.tgz#abc"',
        '  integrity sha1-AbC+/=',
        '  uid ""',
        '  optional true',
        '  registry npm',
        '  weird null',
        '  escaped "tab\\there \\"quoted\\" \\u00e9 \\\\ \\/"',
        '  dependencies:',
        '    "@scope/b" "^2"',
        '    c latest',
        '  optionalDependencies:',
        '',
        'b@^1, "b@npm:c@^1":',
        '    # a comment at any indentation',
        '  version "1.0.0"',
        'constructor@^1:',
        '  version "1.0.0"',
        '  toString "x"',
        '',
      ].join('\n'),
    );
  });

  it('reads unquoted keys and values holding # (git dependencies) the same way', () => {
    const text = `${HEADER}\nx@user/repo#v1.0.0, x@user/repo#main:\n  version "1.0.0"\n  dependencies:\n    y user/y#abc\n    z "git+https://h.example/z.git#1"\n`;
    expectSameAsSyml(text);
    expect(readClassicLockfile(text, 'yarn.lock')).toMatchObject({ 'x@user/repo#main': { dependencies: { y: 'user/y#abc' } } });
  });

  it('reads an empty file as no entries', () => {
    expect(readClassicLockfile('', 'yarn.lock')).toEqual({});
    expect(readClassicLockfile(`${HEADER}\n\n`, 'yarn.lock')).toEqual({});
  });

  it.each([
    ['a tab for indentation', 'a@^1:\n\tversion "1"\n', 3],
    ['an odd indentation', 'a@^1:\n   version "1"\n', 3],
    ['an indentation deeper than the block', 'a@^1:\n  version "1"\n    x "y"\n', 4],
    ['a string without its closing quote', 'a@^1:\n  version "1.0\n', 3],
    ['an unknown escape', 'a@^1:\n  version "1\\x41"\n', 3],
    ['a raw control character in a string', 'a@^1:\n  version "1\u0001"\n', 3],
    ['text after a value', 'a@^1:\n  version "1" extra\n', 3],
    ['trailing blanks after a value', 'a@^1:\n  version "1" \n', 3],
    ['a YAML-style key: value', 'a@^1:\n  version: 1.0.0\n', 3],
    ['a list item', 'a@^1:\n  - x\n', 3],
    ['a key without a value', 'a@^1:\n  version\n', 3],
    ['several keys without a colon', 'a@^1, a@^2 "x"\n', 2],
    ['a repeated key inside an entry', 'a@^1:\n  version "1"\n  version "2"\n', 4],
    ['a __proto__ key', 'a@^1:\n  __proto__:\n    x "y"\n', 3],
    ['a word parseSyml misreads as null', 'a@^1:\n  tag nullish\n', 3],
    ['a bare key starting with @', '@scope/a@^1:\n  version "1"\n', 2],
    ['a lone carriage return', 'a@^1:\r  version "1"\n', 2],
    ['an empty comment', '#\n', 2],
    ['a comment after a value', 'a@^1:\n  version "1" # note\n', 3],
    ['a bare word with a backslash, which yarn 1 quotes', 'a@^1:\n  version 1\\0\n', 3],
    ['a # after a blank inside a key', 'x@user/repo #v1:\n  version "1"\n', 2],
  ])('refuses %s with MALFORMED and the line', (_what, body, line) => {
    const error = failure(`${HEADER}${body}`);
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(new RegExp(`^repo/yarn\\.lock: line ${line}: `));
  });

  it('refuses nesting deeper than a v1 lockfile has, without recursing', () => {
    const deep = Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n');
    expect(failure(deep).code).toBe('MALFORMED');
  });

  it('refuses one top-level key twice with CONFLICT', () => {
    expect(failure(`${HEADER}a@^1:\n  version "1"\n\na@^1:\n  version "1"\n`).code).toBe('CONFLICT');
    expect(failure(`${HEADER}a@^1, "a@^1":\n  version "1"\n`).code).toBe('CONFLICT');
  });

  it('reads any damaged file either as parseSyml does or not at all', async () => {
    const text = (await readFile(join(FIXTURES, 'yarn/classic/app/yarn.lock'), 'utf8')).split('\n').slice(0, 60).join('\n');
    const inserts = [' ', '  ', '\t', ':', ',', '"', '#', '\\', '\n', '\r', '-', '@', 'a', 'null', '"x"', '[', '\\u00', '\u0000'];
    let state = 12345;
    const random = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    let accepted = 0;
    for (let round = 0; round < 400; round++) {
      let damaged = text;
      for (let k = 1 + random(2); k > 0; k--) {
        const at = random(damaged.length);
        const op = random(3);
        if (op === 0) damaged = damaged.slice(0, at) + (inserts[random(inserts.length)] ?? '') + damaged.slice(at);
        else if (op === 1) damaged = damaged.slice(0, at) + damaged.slice(at + 1 + random(3));
        else {
          const lines = damaged.split('\n');
          const i = random(lines.length);
          lines.splice(random(lines.length), 0, lines[i] ?? '');
          damaged = lines.join('\n');
        }
      }
      let ours: unknown;
      try {
        ours = readClassicLockfile(damaged, 'yarn.lock');
      } catch (error) {
        expect(error).toBeInstanceOf(ParseError);
        continue;
      }
      accepted++;
      expect(ours, damaged).toStrictEqual(viaSyml(damaged));
    }
    expect(accepted).toBeGreaterThan(50);
  });
});
