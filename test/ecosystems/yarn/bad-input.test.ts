import { describe, expect, it } from 'vitest';
import { ParseError, type InputErrorCode } from '../../../src/core/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../../src/core/limits.js';
import type { LockfileParser } from '../../../src/ecosystems/types.js';
import { yarnBerryParser, yarnClassicParser } from '../../../src/ecosystems/yarn/index.js';
import { rejectedWith } from '../../helpers/errors.js';

const PATH = 'repo/yarn.lock';

function failure(parser: LockfileParser, content: string, limits: Partial<Limits> = {}): Promise<ParseError> {
  return rejectedWith(ParseError, parser.parse(content, { path: PATH, limits: { ...DEFAULT_LIMITS, ...limits } }));
}

async function expectCode(parser: LockfileParser, content: string, code: InputErrorCode, limits: Partial<Limits> = {}): Promise<ParseError> {
  const error = await failure(parser, content, limits);
  expect(error.code).toBe(code);
  expect(error.message.startsWith(`${PATH}: `)).toBe(true);
  return error;
}

function classic(...entries: string[]): string {
  return `# yarn lockfile v1\n\n\n${entries.join('\n')}`;
}

function classicEntry(key: string, version = '1.0.0', deps: Record<string, string> = {}): string {
  const lines = [`${key}:`, `  version "${version}"`, `  resolved "https://registry.example/x/-/x-${version}.tgz"`];
  const names = Object.keys(deps);
  if (names.length) lines.push('  dependencies:', ...names.map((n) => `    ${JSON.stringify(n)} "${deps[n]}"`));
  return `${lines.join('\n')}\n`;
}

function berry(version: string, ...entries: string[]): string {
  return `__metadata:\n  version: ${version}\n  cacheKey: 10c0\n\n${entries.join('\n')}`;
}

function berryEntry(key: string, resolution: string, version = '1.0.0', deps: Record<string, string> = {}): string {
  const lines = [`${JSON.stringify(key)}:`, `  version: ${version}`, `  resolution: ${JSON.stringify(resolution)}`];
  const names = Object.keys(deps);
  if (names.length) lines.push('  dependencies:', ...names.map((n) => `    ${JSON.stringify(n)}: ${JSON.stringify(deps[n])}`));
  lines.push('  languageName: node', '  linkType: hard');
  return `${lines.join('\n')}\n`;
}

describe('yarn classic parser refuses bad input', () => {
  it('refuses truncated syml', async () => {
    await expectCode(yarnClassicParser, classic('a@^1.0.0:\n  version "1.0'), 'MALFORMED');
  });

  it('refuses a lockfile version other than v1', async () => {
    await expectCode(yarnClassicParser, '# yarn lockfile v2\n\na@^1:\n  version "1.0.0"\n', 'UNSUPPORTED_VERSION');
  });

  it('refuses a berry lockfile', async () => {
    await expectCode(yarnClassicParser, berry('8', berryEntry('a@npm:^1', 'a@npm:1.0.0')), 'UNKNOWN_FORMAT');
  });

  it('refuses an entry without a version', async () => {
    const error = await expectCode(yarnClassicParser, classic('a@^1.0.0:\n  resolved "https://r/a/-/a-1.0.0.tgz"\n'), 'MALFORMED');
    expect(error.message).toContain('"a@^1.0.0" has no version');
  });

  it('refuses an entry whose keys name two packages', async () => {
    const error = await expectCode(yarnClassicParser, classic(classicEntry('a@^1.0.0, b@^1.0.0')), 'MALFORMED');
    expect(error.message).toContain('names two packages ("a" and "b")');
  });

  it('refuses an entry whose npm: aliases name two packages', async () => {
    const error = await expectCode(yarnClassicParser, classic(classicEntry('x@^1.0.0, "x@npm:a@1.0.0", "x@npm:b@1.0.0"')), 'MALFORMED');
    expect(error.message).toContain('names two packages ("a" and "b")');
  });

  it('refuses one descriptor in two entries', async () => {
    const text = classic(classicEntry('a@^1.0.0', '1.0.0'), classicEntry('a@^1.0.0, a@^1.1.0', '1.2.0'));
    await expectCode(yarnClassicParser, text, 'CONFLICT');
  });

  it('refuses the same key twice', async () => {
    await expectCode(yarnClassicParser, classic(classicEntry('a@^1.0.0', '1.0.0'), classicEntry('a@^1.0.0', '1.0.0')), 'CONFLICT');
  });

  it.each([
    ['a path', '"../../etc/passwd@1.0.0"'],
    ['a control character', '"evil\\u0001@1.0.0"'],
    ['HTML', '"<script>alert(1)</script>@1.0.0"'],
  ])('refuses a package name with %s', async (_what, key) => {
    await expectCode(yarnClassicParser, classic(classicEntry(key)), 'INVALID_NAME');
  });

  it('refuses a dependency alias that is not a package name', async () => {
    await expectCode(yarnClassicParser, classic(classicEntry('a@^1.0.0', '1.0.0', { '../b': '1' })), 'INVALID_NAME');
  });

  it('refuses a __proto__ key instead of reading its prototype', async () => {
    await expectCode(yarnClassicParser, classic('__proto__:\n  version "1.0.0"\n'), 'MALFORMED');
  });

  it('refuses a file over limits.maxBytes', async () => {
    await expectCode(yarnClassicParser, classic(classicEntry('a@^1.0.0')), 'TOO_LARGE', { maxBytes: 50 });
  });

  it('refuses more packages than limits.maxPackages', async () => {
    const text = classic(classicEntry('a@^1.0.0'), classicEntry('b@^1.0.0'), classicEntry('c@^1.0.0'));
    await expectCode(yarnClassicParser, text, 'LIMIT_EXCEEDED', { maxPackages: 2 });
  });

  it('refuses deep nesting with an error, not a crash', async () => {
    const deep = Array.from({ length: 5000 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n');
    await expectCode(yarnClassicParser, classic(`a@^1.0.0:\n${deep}\n`), 'MALFORMED');
  });
});

describe('yarn berry parser refuses bad input', () => {
  it('refuses malformed YAML', async () => {
    await expectCode(yarnBerryParser, '__metadata:\n  version: 8\n"a@npm:^1":\n  dependencies: [\n', 'MALFORMED');
  });

  it.each(['99', '3', 'eight'])('refuses __metadata.version %s', async (version) => {
    await expectCode(yarnBerryParser, berry(version, berryEntry('a@npm:^1', 'a@npm:1.0.0')), 'UNSUPPORTED_VERSION');
  });

  it('refuses a file without __metadata', async () => {
    await expectCode(yarnBerryParser, '"a@npm:^1":\n  version: 1.0.0\n  resolution: "a@npm:1.0.0"\n', 'MALFORMED');
  });

  it('refuses an entry without a resolution', async () => {
    const error = await expectCode(yarnBerryParser, berry('8', '"a@npm:^1":\n  version: 1.0.0\n'), 'MALFORMED');
    expect(error.message).toContain('has no resolution');
  });

  it('refuses an entry without a version', async () => {
    await expectCode(yarnBerryParser, berry('8', '"a@npm:^1":\n  resolution: "a@npm:1.0.0"\n'), 'MALFORMED');
  });

  it('refuses one descriptor claimed by two entries', async () => {
    const text = berry('8', berryEntry('a@npm:^1.0.0', 'a@npm:1.0.0'), berryEntry('a@npm:^1.0.0, a@npm:^1.1.0', 'a@npm:1.2.0', '1.2.0'));
    await expectCode(yarnBerryParser, text, 'CONFLICT');
  });

  it('refuses a workspace path that leaves the project', async () => {
    await expectCode(yarnBerryParser, berry('8', berryEntry('w@workspace:../../etc', 'w@workspace:../../etc')), 'MALFORMED');
  });

  it.each([
    ['a path', '../../etc/passwd@npm:1.0.0'],
    ['a control character', 'evil\u0001@npm:1.0.0'],
    ['HTML', '<script>alert(1)</script>@npm:1.0.0'],
  ])('refuses a package name with %s', async (_what, locator) => {
    await expectCode(yarnBerryParser, berry('8', berryEntry(locator, locator)), 'INVALID_NAME');
  });

  it('refuses a file over limits.maxBytes', async () => {
    await expectCode(yarnBerryParser, berry('8', berryEntry('a@npm:^1', 'a@npm:1.0.0')), 'TOO_LARGE', { maxBytes: 50 });
  });

  it('refuses more packages than limits.maxPackages', async () => {
    const text = berry('8', berryEntry('a@npm:^1', 'a@npm:1.0.0'), berryEntry('b@npm:^1', 'b@npm:1.0.0'), berryEntry('c@npm:^1', 'c@npm:1.0.0'));
    await expectCode(yarnBerryParser, text, 'LIMIT_EXCEEDED', { maxPackages: 2 });
  });

  it('refuses deep nesting with an error, not a crash', async () => {
    await expectCode(yarnBerryParser, berry('8', `"a@npm:^1":\n  version: ${'['.repeat(100_000)}\n`), 'MALFORMED');
  });
});
