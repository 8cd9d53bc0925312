import { describe, expect, it } from 'vitest';
import { provenanceSignal } from '../../../src/core/signals/provenance.js';
import { appWith, changeOf, inputFor, metadataOf, registryPackage } from './inputs.js';

const AXIOS_REPO = 'https://github.com/axios/axios';
const AXIOS_WORKFLOW = '.github/workflows/publish.yml';

describe('provenance signal', () => {
  // The 2026 axios compromise, as reported: earlier 1.x releases were published by CI with provenance
  // (trusted publishing); the malicious 1.14.1 was published with a leftover classic token and has none.
  const axios = metadataOf(
    'axios',
    {
      '1.13.6': { publishedAt: '2026-03-02T10:00:00Z', trust: 'trusted-publisher', repository: AXIOS_REPO, workflow: AXIOS_WORKFLOW },
      '1.14.0': { publishedAt: '2026-03-20T10:00:00Z', trust: 'trusted-publisher', repository: AXIOS_REPO, workflow: AXIOS_WORKFLOW },
      '1.14.1': { publishedAt: '2026-03-31T00:21:00Z', trust: 'registry-signature' },
      '0.30.3': { publishedAt: '2026-02-01T10:00:00Z', trust: 'trusted-publisher', repository: AXIOS_REPO, workflow: AXIOS_WORKFLOW },
      '0.30.4': { publishedAt: '2026-03-31T01:00:00Z', trust: 'registry-signature' },
    },
    AXIOS_REPO,
  );

  it('flags axios 1.14.1 as regressed from trusted publishing to a registry signature (high)', () => {
    const change = changeOf(appWith('axios@1.14.0'), appWith('axios@1.14.1'), 'axios');
    const findings = provenanceSignal.evaluate(inputFor(change, { metadata: axios, provenance: { status: 'absent' } }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'high', title: 'axios@1.14.1 regressed from trusted-publisher (1.14.0) to registry-signature' });
    expect(findings[0]!.evidence).toMatchObject({ regressed: true, trust: 'registry-signature', previousTrust: 'trusted-publisher', previousVersion: '1.14.0', line: '1', publishedAt: '2026-03-31T00:21:00.000Z' });
  });

  it('judges a 0.x version against its own minor line (axios 0.30.4)', () => {
    const change = changeOf(appWith(), appWith('axios@0.30.4'), 'axios');
    const [finding] = provenanceSignal.evaluate(inputFor(change, { metadata: axios }));
    expect(finding!.evidence).toMatchObject({ regressed: true, previousVersion: '0.30.3', line: '0.30' });
  });

  it('compares with every earlier version of the line, not only the previous publish', () => {
    // One release without provenance in between does not make the next one without it normal.
    const metadata = metadataOf('pkg', {
      '2.0.0': { publishedAt: '2025-01-01T00:00:00Z', trust: 'provenance', repository: 'github.com/o/pkg' },
      '2.1.0': { publishedAt: '2025-02-01T00:00:00Z', trust: 'none' },
      '2.2.0': { publishedAt: '2025-03-01T00:00:00Z', trust: 'none' },
    });
    const change = changeOf(appWith('pkg@2.1.0'), appWith('pkg@2.2.0'), 'pkg');
    const [finding] = provenanceSignal.evaluate(inputFor(change, { metadata }));
    expect(finding).toMatchObject({ severity: 'high' });
    expect(finding!.evidence).toMatchObject({ previousVersion: '2.0.0', previousTrust: 'provenance', trust: 'none' });
  });

  it('orders by publish time: a backport published before provenance began is not a regression', () => {
    const metadata = metadataOf('pkg', {
      '3.0.0': { publishedAt: '2025-01-01T00:00:00Z', trust: 'registry-signature' },
      '3.0.1': { publishedAt: '2025-01-05T00:00:00Z', trust: 'registry-signature' },
      '3.1.0': { publishedAt: '2025-06-01T00:00:00Z', trust: 'provenance', repository: 'github.com/o/pkg' },
    });
    const change = changeOf(appWith('pkg@3.0.0'), appWith('pkg@3.0.1'), 'pkg');
    expect(provenanceSignal.evaluate(inputFor(change, { metadata })).map((f) => f.evidence.missing)).toEqual([true]);
  });

  it('ignores other release lines', () => {
    const metadata = metadataOf('pkg', {
      '1.0.0': { publishedAt: '2025-01-01T00:00:00Z', trust: 'provenance' },
      '2.0.0': { publishedAt: '2025-02-01T00:00:00Z', trust: 'registry-signature' },
    });
    const change = changeOf(appWith('pkg@1.0.0'), appWith('pkg@2.0.0'), 'pkg');
    expect(provenanceSignal.evaluate(inputFor(change, { metadata })).map((f) => [f.severity, f.evidence.missing])).toEqual([['low', true]]);
  });

  it('reports the September 2025 debug 4.4.2 as missing provenance only: the 4.x line never had any', () => {
    // Modelled with earlier 4.x versions published without provenance; there the malware advisory is what blocks.
    const metadata = metadataOf('debug', {
      '4.4.0': { publishedAt: '2024-12-06T00:00:00Z' },
      '4.4.1': { publishedAt: '2025-05-13T00:00:00Z' },
      '4.4.2': { publishedAt: '2025-09-08T13:00:00Z' },
    });
    const change = changeOf(appWith('debug@4.4.1'), appWith('debug@4.4.2'), 'debug');
    const findings = provenanceSignal.evaluate(inputFor(change, { metadata }));
    expect(findings.map((f) => [f.severity, f.title])).toEqual([['low', 'debug@4.4.2 has no provenance']]);
    expect(findings[0]!.evidence).toMatchObject({ missing: true, earlierVersions: 2, line: '4' });
  });

  it('flags an invalid bundle as high, whatever the metadata says', () => {
    const change = changeOf(appWith('axios@1.14.0'), appWith('axios@1.14.1'), 'axios');
    const [finding, ...rest] = provenanceSignal.evaluate(inputFor(change, { metadata: axios, provenance: { status: 'invalid', reason: 'subject digest does not match the tarball' } }));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'high', evidence: { invalid: true, reason: 'subject digest does not match the tarball' } });
  });

  it('flags provenance that names another workflow than the previous release on the line (identity changed)', () => {
    const change = changeOf(appWith('axios@1.14.0'), appWith('axios@1.14.1'), 'axios');
    const provenance = { status: 'verified' as const, repository: 'https://github.com/axios/axios', workflow: '.github/workflows/pwn.yml', trust: 'provenance' as const };
    const findings = provenanceSignal.evaluate(inputFor(change, { metadata: axios, provenance }));
    expect(findings.map((f) => f.severity)).toEqual(['moderate', 'high']); // trusted-publisher → provenance, then identity
    expect(findings[1]!.evidence).toMatchObject({ identityChanged: ['workflow'], previousVersion: '1.14.0', previousWorkflow: AXIOS_WORKFLOW, workflow: '.github/workflows/pwn.yml' });
  });

  it('flags provenance from another repository, and one that is not the package’s own', () => {
    const change = changeOf(appWith('axios@1.14.0'), appWith('axios@1.14.1'), 'axios');
    const provenance = { status: 'verified' as const, repository: 'https://github.com/evil/axios', workflow: AXIOS_WORKFLOW, trust: 'trusted-publisher' as const };
    const findings = provenanceSignal.evaluate(inputFor(change, { metadata: axios, provenance }));
    expect(findings.map((f) => Object.keys(f.evidence)[0])).toEqual(['identityChanged', 'repositoryMismatch']);
    expect(findings[0]!.evidence.identityChanged).toEqual(['repository']);
  });

  it('treats spellings of the same repository as the same identity', () => {
    const change = changeOf(appWith('axios@1.14.0'), appWith('axios@1.14.1'), 'axios');
    const provenance = { status: 'verified' as const, repository: 'git+https://github.com/Axios/axios.git', workflow: AXIOS_WORKFLOW, trust: 'trusted-publisher' as const };
    expect(provenanceSignal.evaluate(inputFor(change, { metadata: axios, provenance }))).toEqual([]);
  });

  it('says nothing without facts, and nothing for packages not from a registry', () => {
    const change = changeOf(appWith(), appWith('pkg@1.0.0'), 'pkg');
    expect(provenanceSignal.evaluate(inputFor(change))).toEqual([]);
    const git = changeOf(appWith(), { workspaces: { '.': { 'pkg@1.0.0': 'prod' } }, packages: { 'pkg@1.0.0': registryPackage('pkg@1.0.0', { source: 'git', resolved: 'git+ssh://git@github.com/o/pkg.git#abc' }) } }, 'pkg');
    expect(provenanceSignal.evaluate(inputFor(git, { metadata: metadataOf('pkg', { '1.0.0': { trust: 'none' } }) }))).toEqual([]);
  });
});
