import { describe, expect, it } from 'vitest';
import { planRemediation } from '../../../src/core/remediation/index.js';
import { npmDeclaredRanges } from '../../../src/core/remediation/index.js';
import type { Manifest } from '../../../src/core/remediation/index.js';
import { parseLockfile } from '../../../src/ecosystems/detect.js';
import { fixtureOptions, readFixture } from '../../helpers/fixtures.js';
import { graphOf } from '../../helpers/graph.js';
import { advisoryOf, metadataOf, MINIMIST, minimistAffected } from './metadata.js';

async function project(name: string) {
  const lockText = await readFixture(`remediation/${name}/package-lock.json`);
  const graph = await parseLockfile(lockText, fixtureOptions(`remediation/${name}/package-lock.json`));
  const manifests = new Map<string, Manifest>([['.', JSON.parse(await readFixture(`remediation/${name}/package.json`))]]);
  return { graph, manifests, declaredRanges: npmDeclaredRanges(JSON.parse(lockText)) };
}

const minimist = { name: 'minimist', advisory: advisoryOf('GHSA-xvch-5gv4-984h', ['0.2.4', '1.2.6']), affects: minimistAffected };
const DEBUG = metadataOf('debug', { '4.3.7': '2024-09-06', '4.4.0': '2024-12-06', '4.4.1': '2025-05-13', '4.4.2': '2025-09-08', '4.4.3': '2025-09-13' });
const debug = { name: 'debug', advisory: advisoryOf('MAL-2025-46974', [], true), affects: (v: string) => v === '4.4.2' };

function mkdirpMetadata(dependencies: Record<string, Record<string, string>>) {
  const base = metadataOf('mkdirp', Object.fromEntries(Object.keys(dependencies).map((v) => [v, '2022-03-23'])));
  return { ...base, versions: new Map([...base.versions].map(([v, m]) => [v, { ...m, dependencies: dependencies[v] }])) };
}

describe('planRemediation', () => {
  it('patches a transitive minimist with an override scoped to the affected version, and says why', async () => {
    const plan = planRemediation({ ...(await project('npm-transitive')), affected: minimist, metadata: MINIMIST });
    expect(plan.status).toBe('ready');
    expect(plan.remedies).toEqual([
      expect.objectContaining({ from: '1.2.5', to: '1.2.6', strategy: 'patch', ranges: ['mkdirp@0.5.5 → ^1.2.5'], paths: [{ workspace: '.', packages: ['mkdirp@0.5.5', 'minimist@1.2.5'] }] }),
    ]);
    expect(plan.edits).toEqual([expect.objectContaining({ manifest: 'package.json', key: ['overrides', 'minimist@1.2.5'], to: '1.2.6' })]);
  });

  it('raises a direct range, keeping its operator, and pins the fixed version for the lockfile', async () => {
    const plan = planRemediation({ ...(await project('npm-direct')), affected: minimist, metadata: MINIMIST });
    expect(plan.edits).toEqual([expect.objectContaining({ key: ['dependencies', 'minimist'], from: '^1.2.5', to: '^1.2.6', pin: '1.2.6' })]);
  });

  it('reverts malware to the newest older release, never to the newer 4.4.3, and pins it exactly', async () => {
    const plan = planRemediation({ ...(await project('npm-malware')), affected: debug, metadata: DEBUG });
    expect(plan.remedies).toEqual([expect.objectContaining({ from: '4.4.2', to: '4.4.1', strategy: 'revert' })]);
    expect(plan.edits).toEqual([expect.objectContaining({ key: ['dependencies', 'debug'], from: '^4.4.1', to: '4.4.1', pin: undefined })]);
  });

  it('reverts to the version the lockfile had before, from its history, over the newest older release', async () => {
    const plan = planRemediation({ ...(await project('npm-malware')), affected: debug, metadata: DEBUG, previousVersions: ['4.4.2', '4.3.7'] });
    expect(plan.remedies).toEqual([expect.objectContaining({ from: '4.4.2', to: '4.3.7', reason: expect.stringContaining('had before 4.4.2 (from its git history)') })]);
  });

  it('ignores a previous version the advisory affects or that is newer than the bad one', async () => {
    const affected = { ...debug, affects: (v: string) => v === '4.4.2' || v === '4.3.7' };
    const plan = planRemediation({ ...(await project('npm-malware')), affected, metadata: DEBUG, previousVersions: ['4.4.3', '4.3.7'] });
    expect(plan.remedies).toEqual([expect.objectContaining({ to: '4.4.1', reason: expect.stringContaining('newest unaffected version released before') })]);
  });

  it('updates the parent within its declared range when its newer release needs a fixed version, and leaves the range as written', async () => {
    const mkdirp = mkdirpMetadata({ '0.5.5': { minimist: '^1.2.5' }, '0.5.6': { minimist: '^1.2.6' } });
    const plan = planRemediation({ ...(await project('npm-parent-in-range')), affected: minimist, metadata: MINIMIST, parentMetadata: new Map([['mkdirp', mkdirp]]) });
    expect(plan.remedies).toEqual([expect.objectContaining({ from: '1.2.5', to: '1.2.8', via: { name: 'mkdirp', from: '0.5.5', to: '0.5.6', range: '^1.2.6', expected: '1.2.8' } })]);
    expect(plan.edits).toEqual([expect.objectContaining({ key: ['dependencies', 'mkdirp'], from: '^0.5.5', to: '^0.5.5', pin: '0.5.6' })]);
  });

  it('overrides instead when the newer parent would move other dependencies too, or its range is pinned', async () => {
    const moving = mkdirpMetadata({ '0.5.5': { minimist: '^1.2.5' }, '0.5.6': { minimist: '^1.2.6', other: '^1.0.0' } });
    const inRange = await project('npm-parent-in-range');
    expect(planRemediation({ ...inRange, affected: minimist, metadata: MINIMIST, parentMetadata: new Map([['mkdirp', moving]]) }).edits).toEqual([
      expect.objectContaining({ key: ['overrides', 'minimist@1.2.5'] }),
    ]);
    const fixing = mkdirpMetadata({ '0.5.5': { minimist: '^1.2.5' }, '0.5.6': { minimist: '^1.2.6' } });
    expect(planRemediation({ ...(await project('npm-transitive')), affected: minimist, metadata: MINIMIST, parentMetadata: new Map([['mkdirp', fixing]]) }).edits).toEqual([
      expect.objectContaining({ key: ['overrides', 'minimist@1.2.5'] }),
    ]);
  });

  it('skips versions published after the bad one even when they sort below it', async () => {
    const backport = metadataOf('debug', { '4.4.0': '2024-12-06', '4.4.1': '2025-09-10', '4.4.2': '2025-09-08' });
    const plan = planRemediation({ ...(await project('npm-malware')), affected: debug, metadata: backport });
    expect(plan.remedies[0]).toMatchObject({ to: '4.4.0' });
  });

  it('says it cannot be done when no unaffected older version exists', async () => {
    const plan = planRemediation({ ...(await project('npm-malware')), affected: debug, metadata: metadataOf('debug', { '4.4.2': '2025-09-08', '4.4.3': '2025-09-13' }) });
    expect(plan.status).toBe('manual');
    expect(plan.edits).toEqual([]);
    expect(plan.remedies[0]?.reason).toMatch(/cannot be done automatically: no unaffected version of debug older than 4.4.2/);
  });

  it('says it cannot be done when every fixed version is outside a dependent range', async () => {
    const onlyMajor2 = metadataOf('minimist', { '1.2.5': '2020-03-12', '2.0.0': '2024-01-01' });
    const plan = planRemediation({ ...(await project('npm-transitive')), affected: minimist, metadata: onlyMajor2 });
    expect(plan.status).toBe('manual');
    expect(plan.remedies[0]?.reason).toContain('2.0.0 is outside ^1.2.5 (required by mkdirp@0.5.5)');
  });

  it('refuses a fix that breaks a peer range', () => {
    const graph = graphOf({ workspaces: { '.': { 'plugin@1.0.0': 'prod' } }, packages: { 'plugin@1.0.0': { deps: ['host@1.0.0'] }, 'host@1.0.0': {} } });
    const declaredRanges = new Map([['plugin@1.0.0', new Map([['host', '~1.0.0']])]]);
    const withPeer = { ...graph, packages: new Map([...graph.packages].map(([id, node]) => [id, { ...node, dependencies: node.dependencies.map((e) => ({ ...e, kind: 'peer' as const })) }])) };
    const plan = planRemediation({
      graph: withPeer,
      manifests: new Map([['.', { dependencies: { plugin: '1.0.0' } }]]),
      affected: { name: 'host', advisory: advisoryOf('GHSA-host', ['1.1.0']), affects: (v) => v === '1.0.0' },
      metadata: metadataOf('host', { '1.0.0': '2024-01-01', '1.1.0': '2024-02-01' }),
      declaredRanges,
    });
    expect(plan.status).toBe('manual');
    expect(plan.remedies[0]?.reason).toContain('~1.0.0 (required by plugin@1.0.0 (peer))');
  });

  it('leaves a direct range it cannot read to a human', async () => {
    const input = await project('npm-direct');
    const manifests = new Map<string, Manifest>([['.', { dependencies: { minimist: '>=1.2.0 <2' } }]]);
    const plan = planRemediation({ ...input, manifests, affected: minimist, metadata: MINIMIST });
    expect(plan.status).toBe('manual');
    expect(plan.remedies[0]?.reason).toContain('not a single version chaingate can raise');
  });

  it('reports a lockfile without any affected version as not exposed', async () => {
    const plan = planRemediation({ ...(await project('npm-malware')), affected: minimist, metadata: MINIMIST });
    expect(plan).toMatchObject({ status: 'not-exposed', remedies: [], edits: [] });
  });

  it.each([
    ['pnpm-lock', ['pnpm', 'overrides', 'minimist@1.2.5']],
    ['yarn-berry', ['resolutions', 'minimist']],
    ['yarn-classic', ['resolutions', 'minimist']],
    ['bun-lock', ['overrides', 'minimist']],
  ] as const)('writes a %s override where that package manager reads it', async (format, key) => {
    const input = await project('npm-transitive');
    const plan = planRemediation({ ...input, graph: { ...input.graph, format }, affected: minimist, metadata: MINIMIST });
    expect(plan.edits.map((e) => e.key)).toEqual([key]);
  });
});
