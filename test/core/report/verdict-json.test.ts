import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { renderVerdictJson } from '../../../src/core/report/verdict-json.js';
import { decision, sampleDiff, sampleVerdict, verdictOf } from './verdict-samples.js';
import { verdictValidator } from './schema-validators.js';

const META = { toolVersion: '0.1.0', base: 'origin/main', head: 'HEAD', changes: sampleDiff.summary };

let validate: ValidateFunction;
beforeAll(async () => {
  validate = await verdictValidator();
});

describe('renderVerdictJson', () => {
  it('is valid against the documented schema', () => {
    const doc = JSON.parse(renderVerdictJson(sampleVerdict(), META));
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate(JSON.parse(renderVerdictJson(verdictOf([]), { toolVersion: '0.1.0', changes: sampleDiff.summary })))).toBe(true);
  });

  it('the schema check is live: unknown keys and wrong values fail it', () => {
    const doc = JSON.parse(renderVerdictJson(sampleVerdict(), META));
    doc.findings[0].extra = true;
    expect(validate(doc)).toBe(false);
    const other = JSON.parse(renderVerdictJson(sampleVerdict(), META));
    other.conclusion = 'maybe';
    expect(validate(other)).toBe(false);
  });

  it('prints the documented shape: conclusion, counts, sorted findings with rule, tier, paths and evidence', () => {
    const doc = JSON.parse(renderVerdictJson(sampleVerdict(), META));
    expect(doc.schemaVersion).toBe(1);
    expect(doc.conclusion).toBe('failure');
    expect(doc.counts).toEqual({ block: 4, warn: 3, allow: 2 });
    expect(doc.changes).toEqual(sampleDiff.summary);
    expect(doc.findings.map((f: { outcome: string }) => f.outcome)).toEqual(['block', 'block', 'block', 'block', 'warn', 'warn', 'warn', 'allow', 'allow']);
    const lodash = doc.findings.find((f: { name: string; signal: string }) => f.name === 'lodash' && f.signal === 'vulnerability');
    expect(lodash).toEqual({
      signal: 'vulnerability',
      outcome: 'block',
      severity: 'high',
      tier: 1,
      ecosystem: 'npm',
      name: 'lodash',
      version: '4.17.15',
      from: '4.17.21',
      change: 'downgraded',
      purl: 'pkg:npm/lodash@4.17.15',
      ids: ['GHSA-p6mc-m468-83gw', 'CVE-2020-8203'],
      rule: 'vulnerability-high-runtime',
      title: 'Prototype Pollution in lodash',
      direct: true,
      dev: false,
      lockfile: 'package-lock.json',
      workspaces: ['.'],
      paths: [{ workspace: '.', packages: ['lodash@4.17.15'] }],
      evidence: { cvssScore: 7.4, fixedVersions: ['4.17.19'] },
    });
    const request = doc.findings.find((f: { name: string }) => f.name === 'request');
    expect(request.rule).toBe('exception:request-deprecated');
    expect(request.exception).toEqual({ id: 'request-deprecated', reason: 'Test-only HTTP client; replacement tracked in ACME-142', owner: '@acme/platform', expires: '2026-12-31' });
    expect(doc.unavailable).toEqual([{ source: 'npm-attestations', kind: 'provenance', reason: 'TIMEOUT: no answer within 10 s', outcome: 'warn' }]);
    expect(doc.expiredExceptions[0].id).toBe('minimist-pollution');
    expect(doc.unusedExceptions[0].id).toBe('moment-redos');
  });

  it('keeps evidence keys as data and numbers JSON cannot hold as text', () => {
    const lodash = sampleDiff.changes.find((c) => c.name === 'lodash')!;
    const evidence = JSON.parse('{"__proto__": "x", "score": 1}') as Record<string, string | number>;
    evidence.ratio = Number.POSITIVE_INFINITY;
    const verdict = verdictOf([decision({ change: lodash, signal: 'downgrade', severity: 'low', title: 't', evidence, outcome: 'warn', rule: 'r', tier: 3 })]);
    const doc = JSON.parse(renderVerdictJson(verdict, META));
    expect(Object.keys(doc.findings[0].evidence)).toEqual(['__proto__', 'ratio', 'score']);
    expect(doc.findings[0].evidence.ratio).toBe('Infinity');
    expect(validate(doc)).toBe(true);
  });

  it('gives identical bytes for the same verdict in any decision order', () => {
    const verdict = sampleVerdict();
    expect(renderVerdictJson({ ...verdict, decisions: [...verdict.decisions].reverse() }, META)).toBe(renderVerdictJson(verdict, META));
  });
});
