import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/core/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../../src/core/limits.js';
import { pnpmParser } from '../../../src/ecosystems/pnpm/index.js';
import { readFixture } from '../../helpers/fixtures.js';

function parse(content: string, limits: Partial<Limits> = {}): Promise<unknown> {
  return pnpmParser.parse(content, { path: 'repo/pnpm-lock.yaml', limits: { ...DEFAULT_LIMITS, ...limits } });
}

async function failure(content: string, limits: Partial<Limits> = {}): Promise<ParseError> {
  try {
    await parse(content, limits);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('parsed without error');
}

const lock9 = (packages: string, importer = ''): string => `lockfileVersion: '9.0'
importers:
  .:
    dependencies:
${importer}
packages:
${packages}
`;

describe('malformed text', () => {
  it('refuses YAML that does not parse, naming the file, line and column', async () => {
    const error = await failure("lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution: {integrity: sha512-A\n");
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(/^repo\/pnpm-lock\.yaml: /);
    expect(error.message).toMatch(/line \d+, column \d+/);
  });

  it('refuses a real lockfile cut off half way', async () => {
    const text = await readFixture('pnpm/pnpm9/app/pnpm-lock.yaml');
    const error = await failure(text.slice(0, Math.floor(text.length / 2)));
    expect(error.code).toBe('MALFORMED');
  });

  it.each([
    ['a list at the top level', '- a\n- b\n'],
    ['a scalar at the top level', 'hello\n'],
    ['packages that are a list', "lockfileVersion: '9.0'\npackages: [a, b]\n"],
    ['a package without resolution', "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {}\nsnapshots:\n  a@1.0.0: {}\n"],
    ['a snapshot without package entry', "lockfileVersion: '9.0'\npackages: {}\nsnapshots:\n  a@1.0.0: {}\n"],
    ['a dependency that is not a string', lock9('', '      b: {specifier: ^1.0.0, version: [1]}')],
    ['an importer path leaving the project', "lockfileVersion: '9.0'\nimporters:\n  ../outside: {}\n"],
    ['an absolute importer path', "lockfileVersion: '9.0'\nimporters:\n  /etc: {}\n"],
    ['a YAML tag', "lockfileVersion: '9.0'\npackages: !!js/function 'function () {}'\n"],
    ['three YAML documents', "lockfileVersion: '9.0'\n---\nlockfileVersion: '9.0'\n---\nlockfileVersion: '9.0'\n"],
    ['a key naming no package', "lockfileVersion: '9.0'\npackages:\n  __proto__: {resolution: {integrity: sha512-A}}\n"],
  ])('refuses %s', async (_what, content) => {
    expect((await failure(content)).code).toBe('MALFORMED');
  });
});

describe('versions', () => {
  it.each([
    ["lockfileVersion: '4.0'\n", '"4.0"'],
    ["lockfileVersion: '10.0'\n", '"10.0"'],
    ['lockfileVersion: 4.0\n', '"4"'],
    ['lockfileVersion: 5.5\n', '"5.5"'],
    ["lockfileVersion: '5.4-inlineSpecifiers'\n", '"5.4-inlineSpecifiers"'],
    ['packages: {}\n', 'no lockfileVersion'],
  ])('refuses %s as an unsupported version', async (content, shown) => {
    const error = await failure(content);
    expect(error.code).toBe('UNSUPPORTED_VERSION');
    expect(error.message).toContain(shown);
  });
});

describe('duplicate and conflicting entries', () => {
  it('refuses a package key listed twice', async () => {
    const error = await failure(lock9('  a@1.0.0: {resolution: {integrity: sha512-A}}\n  a@1.0.0: {resolution: {integrity: sha512-B}}'));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/line 8, column 3/);
  });

  it('refuses an importer dependency listed twice', async () => {
    const content = lock9('  a@1.0.0: {resolution: {integrity: sha512-A}}', '      a: {specifier: 1.0.0, version: 1.0.0}\n      a: {specifier: 1.0.0, version: 1.0.0}');
    expect((await failure(content)).code).toBe('CONFLICT');
  });
});

describe('limits', () => {
  it('refuses a file over maxBytes', async () => {
    const text = await readFixture('pnpm/pnpm9/app/pnpm-lock.yaml');
    expect((await failure(text, { maxBytes: 1024 })).code).toBe('TOO_LARGE');
  });

  it('refuses more package entries than maxPackages', async () => {
    const text = await readFixture('pnpm/pnpm9/app/pnpm-lock.yaml');
    expect((await failure(text, { maxPackages: 10 })).code).toBe('LIMIT_EXCEEDED');
  });

  it('refuses more edges than maxEdges', async () => {
    const text = await readFixture('pnpm/pnpm8/monorepo/pnpm-lock.yaml');
    expect((await failure(text, { maxEdges: 20 })).code).toBe('LIMIT_EXCEEDED');
  });

  it('fails fast on a YAML alias bomb (billion laughs)', { timeout: 2000 }, async () => {
    const rows = ['lockfileVersion: \'9.0\'', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const error = await failure(`${rows.join('\n')}\n`);
    expect(error.code).toBe('LIMIT_EXCEEDED');
  });

  it('refuses flow collections nested deeper than maxDepth', async () => {
    const nested = (n: number): string => `lockfileVersion: '9.0'\nextra: ${'['.repeat(n)}${']'.repeat(n)}\npackages: {}\n`;
    await expect(parse(nested(8), { maxDepth: 8 })).resolves.toBeDefined();
    expect((await failure(nested(9), { maxDepth: 8 })).code).toBe('LIMIT_EXCEEDED');
  });

  it('refuses block mappings nested thousands deep', async () => {
    let text = "lockfileVersion: '9.0'\nx:\n";
    for (let i = 1; i < 3000; i++) text += `${' '.repeat(i)}a:\n`;
    expect((await failure(text)).code).toBe('LIMIT_EXCEEDED');
  });

  it('fails fast on a file of brackets', { timeout: 2000 }, async () => {
    expect((await failure(`lockfileVersion: '9.0'\npackages: ${'['.repeat(1_000_000)}\n`)).code).toBe('LIMIT_EXCEEDED');
  });
});

describe('package names', () => {
  it.each([
    ['a path', '../../etc/passwd@1.0.0'],
    ['HTML', "'<script>alert`1`</script>@1.0.0'"],
    ['a control character', '"evil\\u0007name@1.0.0"'],
    ['a scoped path', "'@scope/../x@1.0.0'"],
  ])('refuses a package key with %s', async (_what, key) => {
    const error = await failure(lock9(`  ${key}: {resolution: {integrity: sha512-A}}`));
    expect(error.code).toBe('INVALID_NAME');
  });

  it('refuses a dependency alias with HTML in a 5.4 lockfile', async () => {
    const error = await failure("lockfileVersion: 5.4\ndependencies:\n  '<img src=x>': 1.0.0\n");
    expect(error.code).toBe('INVALID_NAME');
  });

  it('refuses a 5.4 key whose name climbs out of its folder', async () => {
    const error = await failure('lockfileVersion: 5.4\npackages:\n  /../evil/1.0.0: {resolution: {integrity: sha512-A}}\n');
    expect(error.code).toBe('INVALID_NAME');
  });

  it('refuses a version with control characters', async () => {
    const error = await failure(lock9('  "a@1.0.0\\u001b[31m": {resolution: {integrity: sha512-A}}'));
    expect(error.code).toBe('INVALID_NAME');
  });
});
