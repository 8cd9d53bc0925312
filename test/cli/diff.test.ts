import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, git, repoWithCommits } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const upgrade = join(FIXTURES, 'npm/v3-resolved/upgrade');
const repo = repoWithCommits([join(upgrade, 'base'), join(upgrade, 'head')]);
afterAll(() => repo.cleanup());

describe('chaingate diff between git revisions', () => {
  it('reports the real upgrade with types, directness and paths', async () => {
    const { code, stdout, stderr } = await cli(['diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'], repo.dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    const byName = (name: string) => result.changes.filter((c: { name: string }) => c.name === name);
    expect(byName('express')).toMatchObject([{ type: 'upgraded', from: '4.18.2', to: '4.21.2', direct: true, workspaces: ['.'] }]);
    expect(byName('lodash')).toMatchObject([{ type: 'upgraded', from: '4.17.20', to: '4.17.21', direct: true }]);
    expect(byName('semver')).toMatchObject([{ type: 'downgraded', from: '7.6.0', to: '7.5.4' }]);
    expect(byName('left-pad')).toMatchObject([{ type: 'removed', from: '1.3.0', to: null }]);
    expect(byName('debug')).toMatchObject([{ type: 'added', to: '4.3.7', direct: true }]);
    const transitive = result.changes.find((c: { direct: boolean; type: string }) => !c.direct && c.type !== 'removed');
    expect(transitive.paths[0].packages.length).toBeGreaterThan(1);
    expect(result.lockfiles).toEqual({ base: ['package-lock.json'], head: ['package-lock.json'] });
  });

  it('reads revisions from the object store without touching the working tree', async () => {
    git(repo.dir, 'checkout', '-q', 'HEAD~1');
    try {
      const { code, stdout } = await cli(['diff', '--base', 'main~1', '--head', 'main', '--repo', repo.dir], '/');
      expect(code).toBe(0);
      expect(stdout).toContain('↑ express 4.18.2 → 4.21.2');
      expect(git(repo.dir, 'status', '--porcelain')).toBe('');
    } finally {
      git(repo.dir, 'checkout', '-q', 'main');
    }
  });

  it('prints a Markdown table', async () => {
    const { code, stdout } = await cli(['diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'markdown'], repo.dir);
    expect(code).toBe(0);
    expect(stdout).toContain('| upgraded | `express` | 4.18.2 → 4.21.2 | runtime |');
  });

  it('compares two lockfile files whatever their names', async () => {
    const { code, stdout } = await cli(['diff', '--base', join(upgrade, 'base/package-lock.json'), '--head', join(upgrade, 'head/package-lock.json')], '/');
    expect(code).toBe(0);
    expect(stdout).toContain('↓ semver 7.6.0 → 7.5.4');
  });

  it('reports no changes between a revision and itself', async () => {
    const { code, stdout } = await cli(['diff', '--base', 'HEAD', '--head', 'HEAD'], repo.dir);
    expect(code).toBe(0);
    expect(stdout).toBe('No dependency changes.\n');
  });
});

describe('chaingate diff usage and input errors', () => {
  it('exits 2 naming an unknown revision', async () => {
    const { code, stderr } = await cli(['diff', '--base', 'no-such-branch', '--head', 'HEAD'], repo.dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/"no-such-branch" is not a commit/u);
  });

  it('tells the user to fetch full history in a shallow clone', async () => {
    const shallow = mkdtempSync(join(tmpdir(), 'chaingate-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow]);
      const { code, stderr } = await cli(['diff', '--base', 'HEAD~1', '--head', 'HEAD'], shallow);
      expect(code).toBe(2);
      expect(stderr).toContain('fetch-depth: 0');
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });

  it('refuses a revision that looks like an option', async () => {
    const { code, stderr } = await cli(['diff', '--base=--output=/tmp/x', '--head', 'HEAD'], repo.dir);
    expect(code).toBe(2);
    expect(stderr).toContain('is not a git revision');
  });

  it('exits 2 on a missing --head, an unknown flag and a bad format', async () => {
    expect((await cli(['diff', '--base', 'HEAD'], repo.dir)).code).toBe(2);
    expect((await cli(['diff', '--base', 'HEAD', '--head', 'HEAD', '--frobnicate'], repo.dir)).stderr).toContain("Unknown option '--frobnicate'");
    expect((await cli(['diff', '--base', 'HEAD', '--head', 'HEAD', '--format', 'html'], repo.dir)).code).toBe(2);
  });

  it('exits 2 when a lockfile is over --max-file-size', async () => {
    const { code, stderr } = await cli(['diff', '--base', 'HEAD~1', '--head', 'HEAD', '--max-file-size', '1KB'], repo.dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/package-lock\.json: is .* over the .* limit/u);
  });
});

describe('chaingate help', () => {
  it('prints help for every command and exits 0', async () => {
    for (const args of [['--help'], ['help', 'diff'], ['diff', '--help'], ['sbom', '--help']]) {
      const { code, stdout } = await cli(args, repo.dir);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: chaingate/u);
    }
  });

  it('exits 2 on an unknown command', async () => {
    const { code, stderr } = await cli(['frobnicate'], repo.dir);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command');
  });
});
