import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { renderSarif } from '../../../src/core/report/sarif-render.js';
import { decision, sampleDiff, sampleLines, sampleVerdict, verdictOf } from './verdict-samples.js';
import { sarifValidator } from './schema-validators.js';

const META = { toolVersion: '0.1.0', informationUri: 'https://example.org/chaingate', lines: sampleLines };

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; justification: string }[];
  properties: Record<string, unknown>;
}
interface SarifRule {
  id: string;
  properties: { tags: string[]; 'security-severity'?: string };
  helpUri?: string;
}
function parse(text: string) {
  const log = JSON.parse(text) as { version: string; runs: { tool: { driver: { rules: SarifRule[]; version: string } }; results: SarifResult[] }[] };
  return { log, run: log.runs[0]! };
}

let validate: ValidateFunction;
beforeAll(async () => {
  validate = await sarifValidator();
});

describe('renderSarif', () => {
  it('is valid against the official SARIF 2.1.0 schema', () => {
    const doc = JSON.parse(renderSarif(sampleVerdict(), META));
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(doc.version).toBe('2.1.0');
  });

  it('is valid with no findings and without line information', () => {
    expect(validate(JSON.parse(renderSarif(verdictOf([]), { toolVersion: '0.1.0', informationUri: 'https://example.org/' })))).toBe(true);
    expect(validate(JSON.parse(renderSarif(sampleVerdict(), { toolVersion: '0.1.0', informationUri: 'https://example.org/' })))).toBe(true);
  });

  it('the schema check is live: a broken log fails it', () => {
    const doc = JSON.parse(renderSarif(sampleVerdict(), META));
    doc.runs[0].results[0].level = 'fatal';
    delete doc.runs[0].results[0].message;
    expect(validate(doc)).toBe(false);
  });

  it('makes one rule per advisory for advisory findings and one per signal otherwise, with GitHub security-severity', () => {
    const { run } = parse(renderSarif(sampleVerdict(), META));
    const rules = run.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(['GHSA-mh6f-8j2x-4483', 'GHSA-pjwm-rvh2-c87w', 'typosquat', 'GHSA-p6mc-m468-83gw', 'GHSA-hrpp-h998-j3pp', 'install-scripts', 'downgrade', 'license', 'deprecated']);
    const byId = new Map(rules.map((r) => [r.id, r]));
    expect(byId.get('GHSA-mh6f-8j2x-4483')!.properties['security-severity']).toBe('10.0');
    expect(byId.get('GHSA-p6mc-m468-83gw')!.properties['security-severity']).toBe('7.4');
    expect(byId.get('GHSA-p6mc-m468-83gw')!.helpUri).toBe('https://github.com/advisories/GHSA-p6mc-m468-83gw');
    expect(byId.get('install-scripts')!.properties['security-severity']).toBe('5.5');
    expect(byId.get('downgrade')!.properties.tags).toContain('security');
    for (const [index, result] of run.results.entries()) expect(rules[result.ruleIndex]!.id, `result ${index}`).toBe(result.ruleId);
  });

  it('levels follow outcomes; allowed findings are suppressed notes with the reason', () => {
    const { run } = parse(renderSarif(sampleVerdict(), META));
    expect(run.results.map((r) => r.level)).toEqual(['error', 'error', 'error', 'error', 'warning', 'warning', 'warning', 'note', 'note']);
    const request = run.results.find((r) => r.properties.package === 'request')!;
    expect(request.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'exception request-deprecated (@acme/platform, expires 2026-12-31): Test-only HTTP client; replacement tracked in ACME-142' }]);
    expect(run.results.filter((r) => r.suppressions).length).toBe(2);
  });

  it('points each result at the lockfile line of the package entry', () => {
    const { run } = parse(renderSarif(sampleVerdict(), META));
    const location = (name: string) => run.results.find((r) => r.properties.package === name)!.locations[0]!.physicalLocation;
    expect(location('flatmap-stream')).toEqual({ artifactLocation: { uri: 'package-lock.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 42 } });
    expect(location('ua-parser-js').region.startLine).toBe(90);
    const { run: noLines } = parse(renderSarif(sampleVerdict(), { ...META, lines: undefined }));
    expect(noLines.results.every((r) => r.locations[0]!.physicalLocation.region.startLine === 1)).toBe(true);
  });

  it('fingerprints are stable across runs and line moves, and distinct per finding', () => {
    const first = parse(renderSarif(sampleVerdict(), META)).run.results.map((r) => r.partialFingerprints['chaingate/v1']);
    const moved = new Map([['package-lock.json', new Map([...sampleLines.get('package-lock.json')!].map(([k, v]) => [k, v + 100]))]]);
    const again = parse(renderSarif(sampleVerdict(), { ...META, lines: moved })).run.results.map((r) => r.partialFingerprints['chaingate/v1']);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    expect(first.every((f) => /^[0-9a-f]{16}$/u.test(f!))).toBe(true);
  });

  it('gives two findings of one signal on one package distinct fingerprints when their ids differ', () => {
    const lodash = sampleDiff.changes.find((c) => c.name === 'lodash')!;
    const verdict = verdictOf(
      ['npm-1', 'npm-2'].map((id) => decision({ change: lodash, signal: 'vulnerability', severity: 'high', title: id, ids: [id], outcome: 'block', rule: 'r', tier: 1 })),
    );
    const { run } = parse(renderSarif(verdict, META));
    expect(run.results.map((r) => r.ruleId)).toEqual(['vulnerability', 'vulnerability']);
    expect(new Set(run.results.map((r) => r.partialFingerprints['chaingate/v1'])).size).toBe(2);
  });

  it('encodes lockfile paths as URI references', () => {
    const lodash = sampleDiff.changes.find((c) => c.name === 'lodash')!;
    const change = { ...lodash, lockfile: 'apps/my app/package-lock.json' };
    const verdict = verdictOf([decision({ change, signal: 'downgrade', severity: 'low', title: 't', outcome: 'warn', rule: 'r', tier: 3 })]);
    const doc = JSON.parse(renderSarif(verdict, META));
    expect(doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('apps/my%20app/package-lock.json');
    expect(validate(doc)).toBe(true);
  });

  it('gives the same bytes for the same verdict whatever the order of its decisions', () => {
    const verdict = sampleVerdict();
    const reversed = { ...verdict, decisions: [...verdict.decisions].reverse() };
    expect(renderSarif(reversed, META)).toBe(renderSarif(verdict, META));
  });
});
