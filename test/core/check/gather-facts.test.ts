import { describe, expect, it } from 'vitest';
import { gatherFacts } from '../../../src/core/check/gather-facts.js';
import { mergeAdvisories } from '../../../src/core/check/merge-advisories.js';
import { diffRepositories } from '../../../src/core/diff/index.js';
import { UpstreamError } from '../../../src/core/errors.js';
import { advisory, FakeAdvisorySource, FakeProvenance, FakeRegistry } from '../../fakes/fact-sources.js';
import { graphOf } from '../../helpers/graph.js';

const base = graphOf({ workspaces: { '.': { 'express@4.18.2': 'prod', 'left-pad@1.3.0': 'prod' } }, packages: { 'express@4.18.2': { deps: ['qs@6.11.0'] }, 'qs@6.11.0': {}, 'left-pad@1.3.0': {} } });
const head = graphOf({ workspaces: { '.': { 'express@4.21.2': 'prod' } }, packages: { 'express@4.21.2': { deps: ['qs@6.13.0', 'flatmap-stream@0.1.1'] }, 'qs@6.13.0': {}, 'flatmap-stream@0.1.1': {} } });
const { changes } = diffRepositories([base], [head]);

describe('gatherFacts', () => {
  it('asks each advisory source once for every package the changes bring in, never for removed ones', async () => {
    const osv = new FakeAdvisorySource('osv', { 'flatmap-stream@0.1.1': [advisory({ id: 'GHSA-mh6f-8j2x-4483', malware: true, severity: 'critical' })] });
    const facts = await gatherFacts(changes, { advisories: [osv] });
    expect(osv.calls).toHaveLength(1);
    expect(osv.calls[0]!.map((r) => r.name).sort()).toEqual(['express', 'flatmap-stream', 'qs']);
    expect(facts.advisories.get('npm:flatmap-stream@0.1.1')).toMatchObject([{ id: 'GHSA-mh6f-8j2x-4483', malware: true }]);
    expect(facts.unavailable).toEqual([]);
    expect(facts.consulted).toEqual(['osv']);
  });

  it('records a failing source as unavailable for advisories and malware, and keeps the others', async () => {
    const down = new FakeAdvisorySource('github', {}, new UpstreamError('RATE_LIMITED', 'github', 'secondary rate limit'));
    const osv = new FakeAdvisorySource('osv', { 'qs@6.13.0': [advisory({ id: 'GHSA-xxxx-yyyy-zzzz' })] });
    const facts = await gatherFacts(changes, { advisories: [down, osv] });
    expect(facts.unavailable.map((u) => `${u.source}:${u.kind}`)).toEqual(['github:advisories', 'github:malware']);
    expect(facts.unavailable[0]!.reason).toContain('RATE_LIMITED');
    expect(facts.advisories.get('npm:qs@6.13.0')).toHaveLength(1);
  });

  it('lets an adapter bug surface instead of hiding it as unavailable', async () => {
    const broken = { name: 'broken', advisoriesFor: async () => { throw new TypeError('bug'); } };
    await expect(gatherFacts(changes, { advisories: [broken] })).rejects.toThrow(TypeError);
  });

  it('fetches metadata once per package name and reports names that failed', async () => {
    const registry = new FakeRegistry({}, new Set(['qs']));
    const facts = await gatherFacts(changes, { advisories: [], registry });
    expect(registry.asked.sort()).toEqual(['express', 'flatmap-stream', 'qs']);
    expect(facts.unavailable).toMatchObject([{ source: 'fake-registry', kind: 'metadata' }]);
    expect(facts.unavailable[0]!.reason).toContain('qs: SERVER_ERROR');
  });

  it('asks provenance only for registry packages the changes bring in', async () => {
    const facts = await gatherFacts(changes, { advisories: [], provenance: new FakeProvenance({ 'express@4.21.2': { status: 'verified', repository: 'https://github.com/expressjs/express', trust: 'provenance' } }) });
    expect(facts.provenance.get('npm:express@4.21.2')).toMatchObject({ status: 'verified' });
    expect(facts.provenance.get('npm:left-pad@1.3.0')).toBeUndefined();
  });
});

describe('mergeAdvisories', () => {
  it('merges the same advisory from two sources through aliases, keeping the worst severity', () => {
    const merged = mergeAdvisories([
      [advisory({ id: 'CVE-2021-23337', aliases: [], severity: 'moderate', source: 'npm', fixedVersions: ['4.17.21'] })],
      [advisory({ id: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'], severity: 'high', cvssScore: 7.2 })],
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ id: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'], severity: 'high', cvssScore: 7.2, fixedVersions: ['4.17.21'] });
  });

  it('keeps different advisories apart and marks malware when any copy says so', () => {
    const merged = mergeAdvisories([[advisory({ id: 'MAL-2025-46974', aliases: ['GHSA-aaaa-bbbb-cccc'], malware: true })], [advisory({ id: 'GHSA-aaaa-bbbb-cccc' }), advisory({ id: 'GHSA-other-0000-1111' })]]);
    expect(merged.map((a) => [a.id, a.malware])).toEqual([['GHSA-aaaa-bbbb-cccc', true], ['GHSA-other-0000-1111', false]]);
  });
});
