import { describe, expect, it } from 'vitest';
import { renderVerdictText } from '../../../src/core/report/verdict-text.js';
import { sampleVerdict, verdictOf } from './verdict-samples.js';

describe('renderVerdictText', () => {
  it('opens with the conclusion and the counts', () => {
    expect(renderVerdictText(sampleVerdict()).split('\n')[0]).toBe('chaingate: FAIL (4 blocked, 3 warned, 2 allowed)');
    expect(renderVerdictText(verdictOf([]))).toBe('chaingate: PASS (0 blocked, 0 warned, 0 allowed)\n');
  });

  it('prints each finding with outcome, signal, severity, tier, package, ids, path and rule', () => {
    const text = renderVerdictText(sampleVerdict());
    expect(text).toContain(
      [
        'BLOCK malware (critical, tier 1)  flatmap-stream 0.1.1  GHSA-mh6f-8j2x-4483',
        '      › Critical severity vulnerability that affects event-stream and flatmap-stream',
        '      transitive, runtime in package-lock.json via . > event-stream@3.3.6 > flatmap-stream@0.1.1',
        '      rule: malware',
      ].join('\n'),
    );
    expect(text).toContain('WARN  downgrade (low, tier 3)  lodash 4.17.21 → 4.17.15');
    expect(text).toContain('      allowed by exception request-deprecated (owner @acme/platform, expires 2026-12-31): Test-only HTTP client');
  });

  it('hides findings the policy allows by rule unless asked, but always shows exceptions', () => {
    const short = renderVerdictText(sampleVerdict());
    expect(short).not.toContain('gpl-thing');
    expect(short).toContain('allowed by exception request-deprecated');
    expect(short).toContain('1 finding allowed by the policy not shown');
    expect(renderVerdictText(sampleVerdict(), { showAllowed: true })).toContain('ALLOW license (low, tier 3)  gpl-thing 1.0.0');
  });

  it('lists unavailable facts and expired and unused exceptions', () => {
    const text = renderVerdictText(sampleVerdict());
    expect(text).toContain('Facts unavailable:\n  WARN  provenance from npm-attestations: TIMEOUT: no answer within 10 s');
    expect(text).toContain('Expired exceptions (no longer applied):\n  - minimist-pollution (owner @acme/security, expires 2025-01-31)');
    expect(text).toContain('Unused exceptions (matched no finding):\n  - moment-redos');
  });
});
