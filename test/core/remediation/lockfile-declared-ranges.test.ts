import { describe, expect, it } from 'vitest';
import { declaredRangesOf } from '../../../src/adapters/remediation/declared-ranges.js';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';
import { bunDeclaredRanges, type Manifest, planRemediation, pnpmDeclaredRanges, yarnDeclaredRanges } from '../../../src/core/remediation/index.js';
import { parseLockfile } from '../../../src/ecosystems/detect.js';
import { fixtureOptions, readFixture } from '../../helpers/fixtures.js';
import { advisoryOf, MINIMIST, minimistAffected } from './metadata.js';

const minimist = { name: 'minimist', advisory: advisoryOf('GHSA-xvch-5gv4-984h', ['0.2.4', '1.2.6']), affects: minimistAffected };

async function plan(dir: string, lockfile: string) {
  const path = `remediation/${dir}/${lockfile}`;
  const text = await readFixture(path);
  const graph = await parseLockfile(text, fixtureOptions(path));
  const manifests = new Map<string, Manifest>([['.', JSON.parse(await readFixture(`remediation/${dir}/package.json`))]]);
  return planRemediation({ graph, manifests, affected: minimist, metadata: MINIMIST, declaredRanges: declaredRangesOf(graph.format, text, lockfile, DEFAULT_LIMITS) });
}

describe('dependent ranges from yarn, pnpm and bun lockfiles', () => {
  it.each([
    ['yarn-classic-transitive', 'yarn.lock', ['resolutions', 'minimist']],
    ['yarn-berry-transitive', 'yarn.lock', ['resolutions', 'minimist']],
    ['bun-transitive', 'bun.lock', ['overrides', 'minimist']],
  ])('%s: the plan shows mkdirp’s range for minimist and overrides it in the manager’s field', async (dir, lockfile, key) => {
    const result = await plan(dir, lockfile);
    expect(result.status).toBe('ready');
    expect(result.remedies).toEqual([expect.objectContaining({ from: '1.2.5', to: '1.2.6', ranges: ['mkdirp@0.5.5 → ^1.2.5'] })]);
    expect(result.edits).toEqual([expect.objectContaining({ manifest: 'package.json', key, to: '1.2.6' })]);
  });

  it('pnpm: no dependency ranges in the lockfile, so only the version-scoped override is planned', async () => {
    const result = await plan('pnpm-transitive', 'pnpm-lock.yaml');
    expect(result.remedies).toEqual([expect.objectContaining({ from: '1.2.5', to: '1.2.6', ranges: [] })]);
    expect(result.edits).toEqual([expect.objectContaining({ key: ['pnpm', 'overrides', 'minimist@1.2.5'], to: '1.2.6' })]);
  });

  it('reads berry protocols and aliases as semver ranges and leaves other protocols out', () => {
    const ranges = yarnDeclaredRanges({
      __metadata: { version: 8 },
      '"a@npm:^1.0.0", a@npm:^1.1.0': { version: '1.2.0', dependencies: { b: 'npm:^2.0.0', c: 'npm:other@~3.1.0', d: 'workspace:*', e: '^4' } },
    });
    expect(ranges.get('a@1.2.0')).toEqual(new Map([['b', '^2.0.0'], ['c', '~3.1.0'], ['e', '^4']]));
  });

  it('skips entries not shaped as the package manager writes them instead of trusting them', () => {
    expect(yarnDeclaredRanges({ 'a@^1': { dependencies: { b: '^1' } }, 'c@^1': 'text' }).size).toBe(0);
    expect(bunDeclaredRanges({ packages: { a: 'a@1.0.0', b: ['b', '', {}], c: ['c@1.0.0', '', null] } }).size).toBe(0);
    expect(bunDeclaredRanges([]).size).toBe(0);
    expect(pnpmDeclaredRanges({ packages: { 'p@1.0.0(react@18.0.0)': { peerDependencies: { react: '>=17' } }, q: {} } })).toEqual(new Map([['p@1.0.0', new Map([['react', '>=17']])]]));
  });

  it('leaves a patch that a dependent’s range in a bun lockfile refuses to a person', async () => {
    const path = 'remediation/bun-transitive/bun.lock';
    const text = (await readFixture(path)).replace('"minimist": "^1.2.5"', '"minimist": ">=1.2.5 <1.2.6"');
    const graph = await parseLockfile(text, fixtureOptions(path));
    const manifests = new Map<string, Manifest>([['.', JSON.parse(await readFixture('remediation/bun-transitive/package.json'))]]);
    const result = planRemediation({ graph, manifests, affected: minimist, metadata: MINIMIST, declaredRanges: declaredRangesOf(graph.format, text, 'bun.lock', DEFAULT_LIMITS) });
    expect(result.status).toBe('manual');
    expect(result.remedies[0]!.reason).toContain('>=1.2.5 <1.2.6 (required by mkdirp@0.5.5)');
    expect(result.edits).toEqual([]);
  });
});
