import { describe, expect, it } from 'vitest';
import { evaluateSignals } from '../../../src/core/signals/api.js';
import { advisory, changesOf, inputFor, metadataOf, registryPackage, SETTINGS } from './inputs.js';

// A whole pull request judged at once: the change list of a real diff, facts per change, every signal.
describe('evaluateSignals on the event-stream incident (November 2018)', () => {
  const base = { workspaces: { '.': { 'event-stream@3.3.4': 'prod' as const } }, packages: { 'event-stream@3.3.4': registryPackage('event-stream@3.3.4', { deps: ['through@2.3.8'] }), 'through@2.3.8': registryPackage('through@2.3.8') } };
  const head = {
    workspaces: { '.': { 'event-stream@3.3.6': 'prod' as const } },
    packages: {
      'event-stream@3.3.6': registryPackage('event-stream@3.3.6', { deps: ['through@2.3.8', 'flatmap-stream@0.1.1'] }),
      'flatmap-stream@0.1.1': registryPackage('flatmap-stream@0.1.1'),
      'through@2.3.8': registryPackage('through@2.3.8'),
    },
  };

  it('reports the malicious new transitive dependency and the advisory on its parent, and nothing for the untouched package', () => {
    const changes = changesOf(base, head);
    expect(changes.map((c) => `${c.type} ${c.name}@${c.to}`)).toEqual(['added flatmap-stream@0.1.1', 'upgraded event-stream@3.3.6']);
    const facts = {
      'flatmap-stream': {
        advisories: [advisory({ id: 'GHSA-9x64-5r7x-2q53', aliases: ['MAL-2025-20690'], source: 'github', summary: 'Malicious Package in flatmap-stream', severity: 'critical', malware: true })],
        metadata: metadataOf('flatmap-stream', { '0.1.1': { publishedAt: '2018-09-09T00:00:00Z', trust: 'none' } }),
      },
      'event-stream': {
        advisories: [advisory({ id: 'GHSA-mh6f-8j2x-4483', source: 'github', summary: 'Critical severity vulnerability that affects event-stream and flatmap-stream', severity: 'critical', malware: false })],
        metadata: metadataOf('event-stream', { '3.3.4': { publishedAt: '2015-07-21T00:00:00Z', trust: 'none' }, '3.3.6': { publishedAt: '2018-09-16T00:00:00Z', trust: 'none' } }),
      },
    } as const;
    const settings = { ...SETTINGS, popularPackages: new Map([['npm', ['event-stream', 'through', 'lodash']]]) };
    const findings = evaluateSignals(changes.map((change) => inputFor(change, { ...facts[change.name as keyof typeof facts], settings, now: new Date('2018-11-26T00:00:00Z') })));
    expect(findings.map((f) => `${f.change.name} ${f.signal} ${f.severity} ${f.ids.join(',')}`)).toEqual([
      'flatmap-stream malware critical GHSA-9x64-5r7x-2q53,MAL-2025-20690',
      'flatmap-stream provenance low ',
      'event-stream vulnerability critical GHSA-mh6f-8j2x-4483',
      'event-stream provenance low ',
    ]);
    expect(findings[0]!.change.paths).toEqual([{ workspace: '.', packages: ['event-stream@3.3.6', 'flatmap-stream@0.1.1'] }]);
  });
});
