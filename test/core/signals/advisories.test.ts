import { describe, expect, it } from 'vitest';
import { malwareSignal } from '../../../src/core/signals/malware.js';
import { vulnerabilitySignal } from '../../../src/core/signals/vulnerability.js';
import { advisory, appWith, changeOf, inputFor, registryPackage } from './inputs.js';

describe('malware signal', () => {
  it('flags debug 4.4.2 of the September 2025 compromise as critical, with every id of the advisory', () => {
    const change = changeOf(appWith('debug@4.4.1'), appWith('debug@4.4.2'), 'debug');
    const ghsa = advisory({
      id: 'GHSA-8mgj-vmr8-frr6',
      aliases: ['MAL-2025-46974'],
      source: 'github',
      summary: 'Malware in debug',
      severity: 'critical',
      malware: true,
      url: 'https://github.com/advisories/GHSA-8mgj-vmr8-frr6',
      published: '2025-09-08T18:05:00Z',
    });
    const [finding, ...rest] = malwareSignal.evaluate(inputFor(change, { advisories: [ghsa] }));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ signal: 'malware', severity: 'critical', ids: ['GHSA-8mgj-vmr8-frr6', 'MAL-2025-46974'], title: 'debug@4.4.2 is malicious: Malware in debug' });
    expect(finding!.evidence).toMatchObject({ source: 'github', url: 'https://github.com/advisories/GHSA-8mgj-vmr8-frr6' });
    expect(finding!.change.type).toBe('upgraded');
  });

  it('is critical even where the source rated the malware lower (chalk 5.6.1)', () => {
    const change = changeOf(appWith('chalk@5.6.0'), appWith('chalk@5.6.1'), 'chalk');
    const ghsa = advisory({ id: 'GHSA-2v46-p5h4-248w', source: 'github', summary: 'Malware in chalk', severity: 'unknown', malware: true });
    expect(malwareSignal.evaluate(inputFor(change, { advisories: [ghsa] })).map((f) => f.severity)).toEqual(['critical']);
  });

  it('flags flatmap-stream, the new transitive dependency event-stream 3.3.6 brought in', () => {
    const base = { workspaces: { '.': { 'event-stream@3.3.4': 'prod' as const } }, packages: { 'event-stream@3.3.4': registryPackage('event-stream@3.3.4') } };
    const head = {
      workspaces: { '.': { 'event-stream@3.3.6': 'prod' as const } },
      packages: { 'event-stream@3.3.6': registryPackage('event-stream@3.3.6', { deps: ['flatmap-stream@0.1.1'] }), 'flatmap-stream@0.1.1': registryPackage('flatmap-stream@0.1.1') },
    };
    const change = changeOf(base, head, 'flatmap-stream');
    expect(change).toMatchObject({ type: 'added', direct: false });
    expect(change.paths[0]?.packages).toEqual(['event-stream@3.3.6', 'flatmap-stream@0.1.1']);
    const advisories = [
      advisory({ id: 'GHSA-9x64-5r7x-2q53', aliases: ['MAL-2025-20690'], source: 'github', summary: 'Malicious Package in flatmap-stream', severity: 'critical', malware: true }),
    ];
    const findings = malwareSignal.evaluate(inputFor(change, { advisories }));
    expect(findings.map((f) => [f.severity, f.ids])).toEqual([['critical', ['GHSA-9x64-5r7x-2q53', 'MAL-2025-20690']]]);
    expect(vulnerabilitySignal.evaluate(inputFor(change, { advisories }))).toEqual([]);
  });

  it('ignores withdrawn advisories', () => {
    const change = changeOf(appWith(), appWith('left-pad@1.3.0'), 'left-pad');
    const withdrawn = advisory({ id: 'MAL-2099-1', malware: true, withdrawn: '2025-01-01T00:00:00Z' });
    expect(malwareSignal.evaluate(inputFor(change, { advisories: [withdrawn] }))).toEqual([]);
  });
});

describe('vulnerability signal', () => {
  it('makes one finding per advisory with its own severity, ids, fixed versions and CVSS score', () => {
    const change = changeOf(appWith('lodash@4.17.15'), appWith('lodash@4.17.19'), 'lodash');
    const advisories = [
      advisory({ id: 'GHSA-p6mc-m468-83gw', aliases: ['CVE-2020-8203'], source: 'github', summary: 'Prototype Pollution in lodash', severity: 'high', cvssScore: 7.4, fixedVersions: ['4.17.19'] }),
      advisory({ id: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'], source: 'github', summary: 'Command Injection in lodash', severity: 'high', cvssScore: 7.2, fixedVersions: ['4.17.21'], url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm' }),
      advisory({ id: 'MAL-2099-2', malware: true }),
    ];
    const findings = vulnerabilitySignal.evaluate(inputFor(change, { advisories }));
    expect(findings.map((f) => f.ids)).toEqual([['GHSA-35jh-r3h4-6jhm', 'CVE-2021-23337'], ['GHSA-p6mc-m468-83gw', 'CVE-2020-8203']]);
    expect(findings[0]).toMatchObject({ severity: 'high', title: 'lodash@4.17.19: Command Injection in lodash' });
    expect(findings[0]!.evidence).toEqual({ source: 'github', url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm', fixedVersions: ['4.17.21'], cvssScore: 7.2 });
  });

  it('keeps a hostile summary on one line', () => {
    const change = changeOf(appWith(), appWith('left-pad@1.3.0'), 'left-pad');
    const [finding] = vulnerabilitySignal.evaluate(inputFor(change, { advisories: [advisory({ id: 'GHSA-x', summary: 'line one\nline two\u0007 <script>' })] }));
    expect(finding!.title).toBe('left-pad@1.3.0: line one line two <script>');
  });
});
