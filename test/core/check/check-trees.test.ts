import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTrees, type CheckTreesInput } from '../../../src/core/check/check-trees.js';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';
import type { Advisory } from '../../../src/core/facts.js';
import { type AdvisorySource, packageKey, type ProgressEvent, type RepoFiles } from '../../../src/core/ports.js';
import { repositoryPolicy } from '../../../src/core/policy/index.js';
import { ecosystemReader } from '../../../src/ecosystems/reader.js';
import { FIXTURES } from '../../helpers/fixtures.js';

const UPGRADE = join(FIXTURES, 'yarn/berry4/upgrade');
const ALLOW_ALL = 'version: 1\nrules:\n  - id: allow-everything\n    signal: "*"\n    outcome: allow\n';

/** A tree held in memory, as the App will read one through the GitHub API. */
function memoryTree(label: string, files: Record<string, string>): RepoFiles {
  const encoder = new TextEncoder();
  return {
    label,
    listFiles: async () => Object.keys(files).sort(),
    readFile: async (path) => (files[path] === undefined ? undefined : encoder.encode(files[path])),
  };
}

const side = (which: 'base' | 'head', extra: Record<string, string> = {}) =>
  memoryTree(which, {
    'yarn.lock': readFileSync(join(UPGRADE, which, 'yarn.lock'), 'utf8'),
    'package.json': readFileSync(join(UPGRADE, which, 'package.json'), 'utf8'),
    ...extra,
  });

/** Every package the head brings in is reported as affected by a made-up advisory. */
const everythingVulnerable: AdvisorySource = {
  name: 'test',
  advisoriesFor: async (refs) =>
    new Map(refs.map((r): [string, Advisory[]] => [packageKey(r), [{ id: `GHSA-${r.name}`, aliases: [], source: 'osv', summary: 's', severity: 'critical', malware: false, fixedVersions: [] }]])),
};

function input(base: RepoFiles, head: RepoFiles, overrides: Partial<CheckTreesInput> = {}): CheckTreesInput {
  return {
    base: { files: base },
    head: { files: head },
    settingsTree: base,
    policy: { repository: repositoryPolicy(base, 'base') },
    lockfiles: ecosystemReader,
    facts: async () => ({ sources: { advisories: [everythingVulnerable] } }),
    popularPackages: new Map(),
    limits: DEFAULT_LIMITS,
    now: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

describe('checkTrees, the one check seam', () => {
  // The "base" fixture is the vulnerable side: the pull request goes head → base.
  it('judges the head against the base with the policy of the base, whatever the head says about itself', async () => {
    const base = side('head');
    const head = side('base', { '.github/chaingate.yml': ALLOW_ALL });
    const result = await checkTrees(input(base, head));
    expect(result.verdict.conclusion).toBe('failure');
    expect(result.policyFiles).toEqual([]);
    const waived = await checkTrees(input(side('head', { '.github/chaingate.yml': ALLOW_ALL }), head));
    expect(waived.verdict.conclusion).toBe('success');
    expect(waived.policyFiles).toEqual(['.github/chaingate.yml']);
  });

  it('keeps the line of every head package from the text it read, and reports its progress', async () => {
    const events: ProgressEvent[] = [];
    const result = await checkTrees(input(side('head'), side('base'), { onProgress: (e) => events.push(e) }));
    const lodash = result.lines.get('yarn.lock')?.get('lodash@4.17.20');
    expect(lodash).toBe(readFileSync(join(UPGRADE, 'base/yarn.lock'), 'utf8').split('\n').findIndex((l) => l.startsWith('"lodash@')) + 1);
    expect(events).toEqual([
      // The fixture's "head" folder is this pull request's base side, and its "base" folder the head.
      { kind: 'lockfile', path: 'yarn.lock', index: 0, total: 1, tree: 'head' },
      { kind: 'lockfile', path: 'yarn.lock', index: 0, total: 1, tree: 'base' },
    ]);
  });

  it('reads package-manager age gates from the settings tree only', async () => {
    const result = await checkTrees(input(side('head', { '.yarnrc.yml': 'npmMinimalAgeGate: 2d\n' }), side('base', { '.yarnrc.yml': 'npmMinimalAgeGate: 0\n' })));
    expect(result.ageGates.map((g) => [g.file, g.hours])).toEqual([['.yarnrc.yml', 48]]);
  });

  it('reads each extends from the tree of the policy that names it, never a same-named file of another tree', async () => {
    const org = memoryTree('org/.github', { 'chaingate.yml': 'version: 1\nextends: shared.yml\n', 'shared.yml': 'version: 1\n' });
    const base = side('head', { 'shared.yml': ALLOW_ALL, '.github/chaingate.yml': 'version: 1\n' });
    const result = await checkTrees(input(base, side('base'), { policy: { organisation: { files: org, path: 'chaingate.yml', place: 'organisation', required: true }, repository: repositoryPolicy(base, 'base') } }));
    expect(result.verdict.conclusion).toBe('failure');
    expect(result.policyFiles).toEqual(['chaingate.yml', '.github/chaingate.yml', 'shared.yml']);
  });

  it('refuses an invalid policy before any fact source is built', async () => {
    let built = false;
    const base = side('head', { '.github/chaingate.yml': 'version: 1\nbogus: true\n' });
    await expect(checkTrees(input(base, side('base'), { facts: async () => ((built = true), { sources: { advisories: [] } }) }))).rejects.toMatchObject({ name: 'ConfigError', code: 'UNKNOWN_KEY' });
    expect(built).toBe(false);
  });

  it('scans the head alone when there is no base', async () => {
    const result = await checkTrees(input(side('base'), side('base'), { base: undefined }));
    expect(result.baseGraphs).toEqual([]);
    expect(result.diff.summary.added).toBeGreaterThan(1);
  });
});
