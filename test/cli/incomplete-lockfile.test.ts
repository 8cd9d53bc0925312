import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const ADVISORIES = join(FIXTURES, 'osv/check');
const EMPTY = join(FIXTURES, 'npm/edge/empty');
const OUT_OF_SYNC = join(FIXTURES, 'npm/edge/out-of-sync');

interface Finding {
  readonly signal: string;
  readonly outcome: string;
  readonly ids: readonly string[];
  readonly title: string;
}

describe('chaingate check on an out-of-sync lockfile (a manifest dependency the lock does not record)', () => {
  it('reads what is there, prints each gap on stderr, and warns through the incomplete-lockfile signal', async () => {
    const { code, stdout, stderr } = await cli(['check', '--base-file', EMPTY, '--head-file', OUT_OF_SYNC, '--offline', '--advisories', ADVISORIES, '--format', 'json'], '/');
    expect(stderr).toContain('chaingate: warning: package-lock.json: . → left-pad@^1.3.0');
    const findings = (JSON.parse(stdout) as { findings: Finding[] }).findings.filter((f) => f.signal === 'incomplete-lockfile');
    expect(findings.map((f) => [f.outcome, f.ids])).toEqual([
      ['warn', ['MISSING_FROM_LOCKFILE']],
      ['warn', ['MISSING_FROM_LOCKFILE']],
    ]);
    expect(findings.map((f) => f.title).join('\n')).toMatch(/left-pad@\^1\.3\.0[\s\S]*semver@\^7\.0\.0/u);
    expect(code).toBe(0);
  });

  it('blocks the same change under chaingate:strict, which judges what the lockfile leaves out as unjudged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaingate-strict-'));
    try {
      writeFileSync(join(dir, 'strict.yml'), 'version: 1\nextends: chaingate:strict\n');
      const { code, stdout } = await cli(['check', '--base-file', EMPTY, '--head-file', OUT_OF_SYNC, '--offline', '--advisories', ADVISORIES, '--policy', join(dir, 'strict.yml'), '--format', 'json'], '/');
      const findings = (JSON.parse(stdout) as { findings: Finding[] }).findings.filter((f) => f.signal === 'incomplete-lockfile');
      expect(findings.map((f) => f.outcome)).toEqual(['block', 'block']);
      expect(code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a hand-trimmed lockfile (an entry deleted) instead of refusing it, and names the dangling reference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaingate-trimmed-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const lock = JSON.parse(readFileSync(join(FIXTURES, 'npm/v3-resolved/upgrade/head/package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    delete lock.packages['node_modules/ms'];
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
    const { code, stderr } = await cli(['sbom', join(dir, 'package-lock.json'), '--deterministic'], '/');
    expect(code).toBe(0);
    expect(stderr).toMatch(/chaingate: warning: .*package-lock\.json: .* → ms@/u);
  });
});
