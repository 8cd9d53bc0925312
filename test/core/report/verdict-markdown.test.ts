import { describe, expect, it } from 'vitest';
import type { Severity } from '../../../src/core/facts.js';
import { GITHUB_MARKDOWN_LIMIT } from '../../../src/core/report/diff-markdown.js';
import { renderVerdictMarkdown } from '../../../src/core/report/verdict-markdown.js';
import { decision, sampleDiff, sampleVerdict, verdictOf } from './verdict-samples.js';

const lodash = sampleDiff.changes.find((c) => c.name === 'lodash')!;

/** Many findings of every severity, both blocking and warning. */
function bigVerdict(perGroup: number) {
  const severities: Severity[] = ['critical', 'high', 'moderate', 'low', 'unknown'];
  const decisions = (['block', 'warn'] as const).flatMap((outcome) =>
    severities.flatMap((severity) =>
      Array.from({ length: perGroup }, (_, i) =>
        decision({ change: lodash, signal: 'vulnerability', severity, title: `${outcome} ${severity} finding number ${i} with a long enough summary to take room`, ids: [`GHSA-p6mc-m468-83gw`], outcome, rule: `rule-${outcome}`, tier: 1 }),
      ),
    ),
  );
  return verdictOf(decisions);
}

describe('renderVerdictMarkdown', () => {
  it('heads a failing verdict with the cross and the counts', () => {
    const md = renderVerdictMarkdown(sampleVerdict());
    expect(md.split('\n')[0]).toBe('### ❌ chaingate: 4 blocking findings, 3 warnings');
    expect(md).toContain('9 findings: 4 blocked, 3 warned, 2 allowed. 1 fact source could not answer.');
  });

  it('heads a passing and a warning verdict differently', () => {
    expect(renderVerdictMarkdown(verdictOf([])).split('\n')[0]).toBe('### ✅ chaingate: passed');
    expect(renderVerdictMarkdown(verdictOf([]))).toContain('No findings in the dependency changes.');
    const warnOnly = verdictOf([decision({ change: lodash, signal: 'downgrade', severity: 'low', title: 't', outcome: 'warn', rule: 'downgrade', tier: 3 })]);
    expect(renderVerdictMarkdown(warnOnly, { title: 'supply chain' }).split('\n')[0]).toBe('### ⚠️ supply chain: passed with 1 warning');
  });

  it('says so when only unavailable facts fail the check', () => {
    const verdict = verdictOf([], { unavailable: [{ source: 'osv', kind: 'advisories', reason: 'SERVER_ERROR: 503', outcome: 'block' }] });
    const md = renderVerdictMarkdown(verdict);
    expect(md.split('\n')[0]).toBe('### ❌ chaingate: failed: facts needed to judge the change are unavailable');
    expect(md).toContain('- ❌ advisories from `osv`: SERVER&#95;ERROR&#58; 503 (block)');
  });

  it('never exceeds a limit smaller than its own heading', () => {
    expect(renderVerdictMarkdown(sampleVerdict(), { maxLength: 120 }).length).toBeLessThanOrEqual(120);
  });

  it('lists blocks before warnings, most severe first, with scope, path, ids and rule', () => {
    const md = renderVerdictMarkdown(sampleVerdict());
    const rows = md.split('\n').filter((l) => l.startsWith('| ❌') || l.startsWith('| ⚠️'));
    expect(rows.map((r) => r.split(' | ')[1])).toEqual(['malware', 'malware', 'typosquat', 'vulnerability', 'vulnerability', 'install-scripts', 'downgrade']);
    expect(rows[0]).toContain('transitive, runtime: . &#62; event-stream@\u200b3.3.6 &#62; flatmap-stream@\u200b0.1.1');
    expect(rows[3]).toContain('| `lodash` | 4.17.21 → 4.17.15 | direct, runtime |');
    expect(rows[3]).toContain('[GHSA-p6mc-m468-83gw](https://github.com/advisories/GHSA-p6mc-m468-83gw), [CVE-2020-8203](https://osv.dev/vulnerability/CVE-2020-8203) | `vulnerability-high-runtime` |');
  });

  it('shows allowed findings with the exception or rule that allowed them', () => {
    const md = renderVerdictMarkdown(sampleVerdict());
    const allowed = md.slice(md.indexOf('#### Allowed'), md.indexOf('#### Facts unavailable'));
    expect(allowed).toContain('exception `request-deprecated` (owner @\u200bacme/platform, expires 2026-12-31): Test-only HTTP client');
    expect(allowed).toContain('rule `license-dev-any`');
  });

  it('reports unavailable facts, expired and unused exceptions', () => {
    const md = renderVerdictMarkdown(sampleVerdict());
    expect(md).toContain('- ⚠️ provenance from `npm-attestations`: TIMEOUT&#58; no answer within 10 s (warn)');
    expect(md).toContain('- ⚠️ Expired, no longer applies: `minimist-pollution`');
    expect(md).toContain('- Unused (matched no finding; remove it?): `moment-redos`');
  });

  it('stays within the size limit, cutting warnings before blocks and low severities first, and says what was cut', () => {
    const verdict = bigVerdict(40);
    const full = renderVerdictMarkdown(verdict, { maxLength: 10_000_000 });
    expect(full).not.toContain('Not shown');
    const md = renderVerdictMarkdown(verdict);
    expect(md.length).toBeLessThanOrEqual(GITHUB_MARKDOWN_LIMIT);
    const rows = md.split('\n').filter((l) => l.startsWith('| ❌') || l.startsWith('| ⚠️'));
    const kept = (outcome: string, severity: string) => rows.filter((r) => r.startsWith(`| ${outcome}`) && r.includes(`| ${severity} |`)).length;
    // Every block is kept while warnings are cut; the kept warnings are the most severe ones.
    for (const severity of ['critical', 'high', 'moderate', 'low', 'unknown']) expect(kept('❌', severity)).toBe(40);
    expect(kept('⚠️', 'critical')).toBeGreaterThan(0);
    expect(kept('⚠️', 'low')).toBe(0);
    const cut = 200 - rows.filter((r) => r.startsWith('| ⚠️')).length;
    expect(cut).toBeGreaterThan(40);
    expect(md).toContain(`_Not shown to stay within GitHub's size limit: ${cut} warnings (`);
    expect(md).toMatch(/, 40 moderate, 40 unknown, 40 low\)\. The full list is in the JSON and SARIF output\._\n$/u);
  });

  it('cuts blocks too when they alone exceed the limit, low severity first', () => {
    const md = renderVerdictMarkdown(bigVerdict(40), { maxLength: 8_000 });
    expect(md.length).toBeLessThanOrEqual(8_000);
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    expect(rows.some((r) => r.startsWith('| ⚠️'))).toBe(false);
    expect(rows.filter((r) => r.includes('| critical |')).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.includes('| low |')).length).toBe(0);
    expect(md).toMatch(/Not shown .*: \d+ blocking findings \(\d+ critical, 40 high, 40 moderate, 40 unknown, 40 low\) and 200 warnings \(40 critical, /u);
  });

  it('fits the default GitHub limit', () => {
    expect(renderVerdictMarkdown(bigVerdict(200)).length).toBeLessThanOrEqual(GITHUB_MARKDOWN_LIMIT);
  });
});
