import { describe, expect, it } from 'vitest';
import type { Finding, Signal, SignalId, SignalInput } from '../../../src/core/findings.js';
import { evaluateSignals, SIGNALS } from '../../../src/core/signals/api.js';
import { advisory, appWith, changesOf, inputFor, metadataOf, SETTINGS } from './inputs.js';

const ALL_IDS: readonly SignalId[] = ['vulnerability', 'malware', 'install-scripts', 'provenance', 'release-age', 'typosquat', 'license', 'source', 'deprecated', 'downgrade', 'incomplete-lockfile'];

describe('signal registry', () => {
  it('holds every signal id exactly once, each under its own id', () => {
    expect([...SIGNALS.keys()].sort()).toEqual([...ALL_IDS].sort());
    for (const [id, signal] of SIGNALS) {
      expect(signal.id).toBe(id);
      expect(typeof signal.evaluate).toBe('function');
    }
  });

  it('lets every signal judge an ordinary upgrade without throwing, and none flags a clean one', () => {
    const [change] = changesOf(appWith('left-pad@1.2.0'), appWith('left-pad@1.3.0'));
    const metadata = metadataOf('left-pad', {
      '1.2.0': { publishedAt: '2018-01-01T00:00:00Z', trust: 'provenance' },
      '1.3.0': { publishedAt: '2018-04-09T00:00:00Z', trust: 'provenance' },
    });
    for (const signal of SIGNALS.values()) expect(signal.evaluate(inputFor(change!, { metadata })), signal.id).toEqual([]);
  });
});

describe('evaluateSignals', () => {
  it('never evaluates a change that only removes a package, even one with a malware advisory', () => {
    const changes = changesOf(appWith('event-stream@3.3.6', 'lodash@4.17.21'), appWith('lodash@4.17.21'));
    expect(changes.map((c) => c.type)).toEqual(['removed']);
    const seen: SignalInput[] = [];
    const spy: Signal = { id: 'malware', evaluate: (input) => (seen.push(input), []) };
    const malware = advisory({ id: 'GHSA-mh6f-8j2x-4483', malware: true, severity: 'critical' });
    expect(evaluateSignals([inputFor(changes[0]!, { advisories: [malware] })])).toEqual([]);
    expect(evaluateSignals([inputFor(changes[0]!, { advisories: [malware] })], new Map([['malware', spy]]))).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('reports findings in input order, then registry order, identically on every run', () => {
    const changes = changesOf(appWith('debug@4.4.1'), appWith('debug@4.4.2', 'lodahs@0.0.1'));
    const settings = { ...SETTINGS, popularPackages: new Map([['npm', ['lodash', 'debug']]]) };
    const inputs = changes.map((change) =>
      inputFor(change, {
        settings,
        advisories: change.name === 'debug' ? [advisory({ id: 'GHSA-8mgj-vmr8-frr6', malware: true }), advisory({ id: 'GHSA-0000-0000-0001', severity: 'low' })] : [],
      }),
    );
    const summary = (findings: Finding[]): string[] => findings.map((f) => `${f.change.name}:${f.signal}`);
    const first = evaluateSignals(inputs);
    expect(summary(first)).toEqual(['lodahs:typosquat', 'debug:malware', 'debug:vulnerability']);
    expect(evaluateSignals(inputs)).toEqual(first);
  });
});
