import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, git, repoWithCommits } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const ADVISORIES = join(FIXTURES, 'osv/check');

// Each format's real upgrade fixture. Going head → base is a pull request that brings in
// lodash 4.17.20 (direct, GHSA-35jh-r3h4-6jhm) and path-to-regexp 0.1.7 (transitive through
// express 4.18.2, GHSA-9wv6-86v2-598j); going base → head brings in neither.
const formats: [string, string][] = [
  ['npm v1', 'npm/v1/upgrade/%s/package-lock.json'],
  ['npm v2', 'npm/v2/upgrade/%s/package-lock.json'],
  ['npm v3', 'npm/v3-resolved/upgrade/%s/package-lock.json'],
  ['yarn classic', 'yarn/classic/upgrade/%s/yarn.lock'],
  ['yarn berry', 'yarn/berry4/upgrade/%s/yarn.lock'],
  ['pnpm 5.4', 'pnpm/pnpm7/upgrade/%s/pnpm-lock.yaml'],
  ['pnpm 6.0', 'pnpm/pnpm8/upgrade/%s/pnpm-lock.yaml'],
  ['pnpm 9.0', 'pnpm/pnpm9/upgrade/%s/pnpm-lock.yaml'],
  ['bun', 'bun/upgrade/%s/bun.lock'],
  ['CycloneDX', 'cyclonedx/upgrade/%s/bom.1.6.cdx.json'],
  ['SPDX', 'spdx/upgrade/%s/sbom.spdx.json'],
];
const fixture = (pattern: string, side: 'base' | 'head') => join(FIXTURES, pattern.replace('%s', side));

describe.each(formats)('chaingate check --advisories on %s', (_format, pattern) => {
  it('blocks a change that brings in a vulnerable version directly and transitively', async () => {
    const { code, stdout } = await cli(['check', '--base', fixture(pattern, 'head'), '--head', fixture(pattern, 'base'), '--offline', '--advisories', ADVISORIES, '--format', 'json'], '/');
    expect(code).toBe(1);
    const verdict = JSON.parse(stdout);
    expect(verdict.conclusion).toBe('failure');
    const blocked = verdict.findings.filter((f: { outcome: string }) => f.outcome === 'block');
    expect(blocked.map((f: { name: string; version: string; ids: string[]; direct: boolean; change: string }) => [f.name, f.version, f.ids[0], f.direct, f.change])).toEqual([
      ['lodash', '4.17.20', 'GHSA-35jh-r3h4-6jhm', true, 'downgraded'],
      ['path-to-regexp', '0.1.7', 'GHSA-9wv6-86v2-598j', false, 'downgraded'],
    ]);
  });

  it('passes the clean change the other way', async () => {
    const { code, stdout } = await cli(['check', '--base', fixture(pattern, 'base'), '--head', fixture(pattern, 'head'), '--offline', '--advisories', ADVISORIES, '--format', 'json'], '/');
    const verdict = JSON.parse(stdout);
    expect(verdict.findings.filter((f: { outcome: string }) => f.outcome === 'block')).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('chaingate check in a repository', () => {
  const upgrade = join(FIXTURES, 'npm/v3-resolved/upgrade');
  const repo = repoWithCommits([join(upgrade, 'head'), join(upgrade, 'base')]);
  afterAll(() => repo.cleanup());

  it('reads the policy from the base revision, so a pull request cannot waive its own findings', async () => {
    mkdirSync(join(repo.dir, '.github'), { recursive: true });
    writeFileSync(
      join(repo.dir, '.github/chaingate.yml'),
      'version: 1\nrules:\n  - id: allow-everything\n    signal: "*"\n    outcome: allow\n',
    );
    git(repo.dir, 'add', '-A');
    git(repo.dir, 'commit', '-qm', 'waive everything');
    const { code, stdout } = await cli(['check', '--base', 'HEAD~2', '--head', 'HEAD', '--offline', '--advisories', ADVISORIES], repo.dir);
    expect(code).toBe(1);
    expect(stdout).toContain('GHSA-35jh-r3h4-6jhm');
  });

  it('applies the policy the base revision holds', async () => {
    git(repo.dir, 'checkout', '-q', '-b', 'waived', 'HEAD~2');
    try {
      mkdirSync(join(repo.dir, '.github'), { recursive: true });
      writeFileSync(join(repo.dir, '.github/chaingate.yml'), 'version: 1\nrules:\n  - id: allow-everything\n    signal: "*"\n    outcome: allow\n');
      git(repo.dir, 'add', '-A');
      git(repo.dir, 'commit', '-qm', 'base with a waiver');
      cpSync(join(upgrade, 'base'), repo.dir, { recursive: true });
      git(repo.dir, 'add', '-A');
      git(repo.dir, 'commit', '-qm', 'vulnerable head');
      const { code, stdout } = await cli(['check', '--base', 'waived~1', '--head', 'waived', '--offline', '--advisories', ADVISORIES], repo.dir);
      expect(stdout).toMatch(/^chaingate: PASS/u);
      expect(code).toBe(0);
    } finally {
      git(repo.dir, 'checkout', '-q', 'main');
    }
  });

  it('writes SARIF pointing at the lockfile line of the package', async () => {
    const { code, stdout } = await cli(['check', '--base', 'HEAD~2', '--head', 'HEAD~1', '--offline', '--advisories', ADVISORIES, '--format', 'sarif'], repo.dir);
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    const lodash = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'GHSA-35jh-r3h4-6jhm');
    const location = lodash.locations[0].physicalLocation;
    expect(location.artifactLocation.uri).toBe('package-lock.json');
    expect(location.region.startLine).toBeGreaterThan(1);
  });
});

describe('chaingate check failures', () => {
  const pattern = formats[2]![1];

  it('fails closed offline without advisories, and says why', async () => {
    const { code, stdout } = await cli(['check', '--base', fixture(pattern, 'base'), '--head', fixture(pattern, 'head'), '--offline'], '/');
    expect(code).toBe(1);
    expect(stdout).toContain('offline and no --advisories given');
  });

  it('exits 2 naming the policy file, line and column of an unknown key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaingate-policy-'));
    const policy = join(dir, 'policy.yml');
    writeFileSync(policy, 'version: 1\nsettings:\n  min-release-age-hourz: 3\n');
    const { code, stderr } = await cli(['check', '--base', fixture(pattern, 'base'), '--head', fixture(pattern, 'head'), '--offline', '--policy', policy], '/');
    expect(code).toBe(2);
    expect(stderr).toMatch(/policy\.yml:3:3: .*min-release-age-hourz/u);
  });

  it('exits 2 on an advisories path that does not exist', async () => {
    const { code, stderr } = await cli(['check', '--base', fixture(pattern, 'base'), '--head', fixture(pattern, 'head'), '--offline', '--advisories', '/no/such/dir'], '/');
    expect(code).toBe(2);
    expect(stderr).toContain('/no/such/dir');
  });
});
