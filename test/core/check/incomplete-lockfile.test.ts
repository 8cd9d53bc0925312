import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/core/check/run-check.js';
import type { SignalSettings } from '../../../src/core/findings.js';
import { resolvePolicy } from '../../../src/core/policy/index.js';
import { renderSarif } from '../../../src/core/report/sarif-render.js';
import { renderVerdictJson } from '../../../src/core/report/verdict-json.js';
import { renderVerdictMarkdown } from '../../../src/core/report/verdict-markdown.js';
import { renderVerdictText } from '../../../src/core/report/verdict-text.js';
import { graphOf, type GraphSpec } from '../../helpers/graph.js';
import { sarifValidator, verdictValidator } from '../report/schema-validators.js';

const SETTINGS: SignalSettings = { minReleaseAgeHours: 0, packageManagerAgeGates: [], allowedRegistries: ['registry.npmjs.org'], licenses: { allow: [], deny: [] }, popularPackages: new Map() };
const NOW = new Date('2026-01-01T00:00:00Z');
const DANGLING = { code: 'DANGLING_DEPENDENCY' as const, from: 'mkdirp@0.5.5', reference: 'minimist@npm:^1.2.5', message: 'mkdirp@0.5.5 depends on minimist@npm:^1.2.5, which has no entry' };
const MISSING = { code: 'MISSING_FROM_LOCKFILE' as const, from: '.', reference: 'left-pad@^1.3.0', message: 'package.json declares left-pad@^1.3.0, which the lockfile does not record' };

const trimmed = (warnings: GraphSpec['warnings']) =>
  graphOf({ path: 'yarn.lock', workspaces: { '.': { 'mkdirp@0.5.5': 'prod' } }, packages: { 'mkdirp@0.5.5': {} }, warnings });

async function check(base: GraphSpec['warnings'], head: GraphSpec['warnings'], policyLayers: { file: string; content: string }[] = []) {
  return runCheck({ base: [trimmed(base)], head: [trimmed(head)], policy: resolvePolicy(policyLayers), settings: SETTINGS, sources: { advisories: [] }, now: NOW });
}

describe('incomplete-lockfile findings', () => {
  it('turns each gap the head brings in into a finding the default policy warns about', async () => {
    const { verdict } = await check([], [DANGLING, MISSING]);
    expect(verdict.conclusion).toBe('neutral');
    expect(verdict.decisions.map((d) => [d.finding.signal, d.outcome, d.finding.change.name, d.finding.ids[0], d.finding.evidence.reference])).toEqual([
      ['incomplete-lockfile', 'warn', 'mkdirp', 'DANGLING_DEPENDENCY', 'minimist@npm:^1.2.5'],
      ['incomplete-lockfile', 'warn', '.', 'MISSING_FROM_LOCKFILE', 'left-pad@^1.3.0'],
    ]);
  });

  it('does not hold a pull request to account for a gap the base already had', async () => {
    const { verdict } = await check([DANGLING], [DANGLING]);
    expect(verdict.decisions).toEqual([]);
    expect(verdict.conclusion).toBe('success');
  });

  it('blocks under chaingate:strict', async () => {
    const { verdict } = await check([], [DANGLING], [{ file: '.github/chaingate.yml', content: 'version: 1\nextends: chaingate:strict\n' }]);
    expect(verdict.conclusion).toBe('failure');
    expect(verdict.decisions[0]).toMatchObject({ outcome: 'block', rule: 'incomplete-lockfile' });
  });

  it('shows in every report format', async () => {
    const { verdict, diff } = await check([], [DANGLING]);
    expect(renderVerdictText(verdict)).toContain('WARN  incomplete-lockfile (moderate, tier 3)  mkdirp 0.5.5');
    expect(renderVerdictText(verdict)).toContain('yarn.lock: mkdirp@0.5.5 depends on minimist@npm:^1.2.5, which has no entry');
    const json = JSON.parse(renderVerdictJson(verdict, { toolVersion: 't', base: 'b', head: 'h', changes: diff.summary }));
    expect((await verdictValidator())(json)).toBe(true);
    expect(json.findings[0]).toMatchObject({ signal: 'incomplete-lockfile', name: 'mkdirp', version: '0.5.5', ids: ['DANGLING_DEPENDENCY'] });
    expect(renderVerdictMarkdown(verdict)).toContain('| incomplete-lockfile | moderate | `mkdirp` | 0.5.5 |');
    const sarif = JSON.parse(renderSarif(verdict, { toolVersion: 't', informationUri: 'https://example.com' }));
    expect((await sarifValidator())(sarif)).toBe(true);
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('incomplete-lockfile');
  });
});
