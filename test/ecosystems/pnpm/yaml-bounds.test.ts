import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/core/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../../src/core/limits.js';
import { pnpmParser } from '../../../src/ecosystems/pnpm/index.js';
import { readLockfileYaml } from '../../../src/ecosystems/pnpm/yaml.js';
import { thrownBy } from '../../helpers/errors.js';

const PATH = 'repo/pnpm-lock.yaml';
const limits = (overrides: Partial<Limits> = {}): Limits => ({ ...DEFAULT_LIMITS, ...overrides });

/** A pnpm 9 lockfile of `n` registry packages, each depending on the one before, as pnpm lays it out. */
function lockfile(n: number): string {
  const lines = ["lockfileVersion: '9.0'", '', 'importers:', '  .:', '    dependencies:', '      pkg0:', '        specifier: ^1.0.0', '        version: 1.0.0', '', 'packages:', ''];
  for (let i = 0; i < n; i++) lines.push(`  pkg${i}@1.0.0:`, `    resolution: {integrity: sha512-${i}}`, '');
  lines.push('snapshots:', '');
  for (let i = 0; i < n; i++) {
    lines.push(`  pkg${i}@1.0.0:`);
    if (i + 1 < n) lines.push('    dependencies:', `      pkg${i + 1}: 1.0.0`);
    lines.push('');
  }
  return lines.join('\n');
}

describe('large lockfiles stay linear', () => {
  // The duplicate-key check used to compare every key with every other: 40,000 keys took 11.6 s.
  it('reads 30,000 packages', { timeout: 10_000 }, async () => {
    const graph = await pnpmParser.parse(lockfile(30_000), { path: PATH, limits: limits() });
    expect(graph.packages.size).toBe(30_000);
  });

  it('finds a key listed twice among 30,000, with its line and column', { timeout: 10_000 }, () => {
    const lines = lockfile(30_000).split('\n');
    const snapshots = lines.indexOf('snapshots:');
    lines.splice(snapshots, 0, '  pkg7@1.0.0:', '    resolution: {integrity: sha512-x}');
    const error = thrownBy(ParseError, () => readLockfileYaml(lines.join('\n'), PATH, limits()));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(`line ${snapshots + 1}, column 3`);
  });

  it('stops a lockfile over maxPackages before parsing its YAML', () => {
    // Invalid YAML after the sections: refused for its size, so the parser never reached it.
    const text = `${lockfile(1_001)}\nbroken: [\n`;
    const error = thrownBy(ParseError, () => readLockfileYaml(text, PATH, limits({ maxPackages: 1_000 })));
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(error.message).toContain('1000');
  });

  it('reads a lockfile of exactly maxPackages', async () => {
    const graph = await pnpmParser.parse(lockfile(1_000), { path: PATH, limits: limits({ maxPackages: 1_000 }) });
    expect(graph.packages.size).toBe(1_000);
  });

  it('still counts packages written in flow style, after parsing', async () => {
    const entries = Array.from({ length: 11 }, (_, i) => `p${i}@1.0.0: {resolution: {integrity: sha512-${i}}}`).join(', ');
    const text = `lockfileVersion: '9.0'\npackages: {${entries}}\nsnapshots: {}\n`;
    await expect(pnpmParser.parse(text, { path: PATH, limits: limits({ maxPackages: 10 }) })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });
});

describe('aliases', () => {
  const withAliases = (count: number): string => {
    const refs = Array.from({ length: count }, (_, i) => `  k${i}: *meta`).join('\n');
    return `lockfileVersion: '9.0'\nbase: &meta {a: 1}\nextra:\n${refs}\n`;
  };

  it('tolerates a few aliases, as a hand edit may add', () => {
    const doc = readLockfileYaml(withAliases(50), PATH, limits());
    expect((doc.extra as Record<string, unknown>).k49).toEqual({ a: 1 });
  });

  it('refuses more than 50 aliases', () => {
    expect(thrownBy(ParseError, () => readLockfileYaml(withAliases(51), PATH, limits())).code).toBe('LIMIT_EXCEEDED');
  });

  it('refuses a chain of doubling aliases that stays under 50 references', () => {
    // 24 levels of two references each: 48 aliases, 2^24 nodes once expanded.
    const rows = ["lockfileVersion: '9.0'", 'l0: &l0 [x, y]'];
    for (let i = 1; i <= 24; i++) rows.push(`l${i}: &l${i} [*l${i - 1}, *l${i - 1}]`);
    const error = thrownBy(ParseError, () => readLockfileYaml(`${rows.join('\n')}\n`, PATH, limits()));
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(error.message).toContain('expands YAML aliases');
  });

  it('does not apply merge keys (pnpm never writes them)', () => {
    const doc = readLockfileYaml("lockfileVersion: '9.0'\nbase: &b {a: 1}\nx:\n  <<: *b\n", PATH, limits());
    expect(doc.x).toEqual({ '<<': { a: 1 } });
  });
});

describe('schema', () => {
  it('reads values with the YAML 1.2 core schema, as pnpm writes them', () => {
    const doc = readLockfileYaml("lockfileVersion: '9.0'\nflags: [yes, no, on, true, ~, 0o17, 2024-01-01]\n", PATH, limits());
    expect(doc.flags).toEqual(['yes', 'no', 'on', true, null, 15, '2024-01-01']);
  });
});
