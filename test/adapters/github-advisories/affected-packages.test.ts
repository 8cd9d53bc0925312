import { describe, expect, it } from 'vitest';
import { githubAffectedPackages, toGithubAdvisory } from '../../../src/adapters/github-advisories/index.js';

const advisory = (value: Record<string, unknown>) => {
  const shaped = toGithubAdvisory({ ghsa_id: 'GHSA-35jh-r3h4-6jhm', summary: 'Command injection in lodash', severity: 'high', ...value });
  if (!shaped) throw new Error('not a GitHub advisory');
  return shaped;
};

describe('githubAffectedPackages', () => {
  it("reads GitHub's comma-joined ranges and the first patched version", () => {
    const [lodash] = githubAffectedPackages(
      advisory({ vulnerabilities: [{ package: { ecosystem: 'npm', name: 'lodash' }, vulnerable_version_range: '>= 4.0.0, < 4.17.21', first_patched_version: '4.17.21' }] }),
    );
    expect(lodash).toMatchObject({ ecosystem: 'npm', name: 'lodash', versions: '>= 4.0.0, < 4.17.21' });
    expect(['4.17.20', '4.0.0', '4.17.21', '3.10.1', 'latest'].map((v) => lodash?.affects(v))).toEqual([true, true, false, false, false]);
    expect(lodash?.advisory).toMatchObject({ id: 'GHSA-35jh-r3h4-6jhm', severity: 'high', fixedVersions: ['4.17.21'] });
  });

  it('maps ecosystems to purl types and leaves out unknown ones and packages without a range', () => {
    const packages = githubAffectedPackages(
      advisory({
        vulnerabilities: [
          { package: { ecosystem: 'pip', name: 'Django' }, vulnerable_version_range: '< 4.2.1' },
          { package: { ecosystem: 'other', name: 'x' }, vulnerable_version_range: '< 1' },
          { package: { ecosystem: 'npm', name: 'no-range' }, vulnerable_version_range: null },
        ],
      }),
    );
    expect(packages.map((p) => [p.ecosystem, p.name])).toEqual([['pypi', 'Django']]);
  });

  it('affects nothing for a withdrawn advisory', () => {
    const withdrawn = advisory({ withdrawn_at: '2026-01-01T00:00:00Z', vulnerabilities: [{ package: { ecosystem: 'npm', name: 'lodash' }, vulnerable_version_range: '< 5' }] });
    expect(githubAffectedPackages(withdrawn)).toEqual([]);
  });
});
