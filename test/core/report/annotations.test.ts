import { describe, expect, it } from 'vitest';
import { diffRepositories } from '../../../src/core/diff/index.js';
import { ANNOTATIONS_PER_REQUEST, batchAnnotations, buildAnnotations } from '../../../src/core/report/annotations.js';
import { indexPackageLines } from '../../../src/ecosystems/lines.js';
import { parseLockfile } from '../../../src/ecosystems/detect.js';
import { fixtureOptions, readFixture } from '../../helpers/fixtures.js';
import { decision, sampleLines, sampleVerdict, verdictOf } from './verdict-samples.js';

describe('buildAnnotations', () => {
  it('makes one annotation per finding with the level of its outcome at the package line', () => {
    const annotations = buildAnnotations(sampleVerdict(), sampleLines);
    expect(annotations).toHaveLength(9);
    expect(annotations.map((a) => a.annotation_level)).toEqual(['failure', 'failure', 'failure', 'failure', 'warning', 'warning', 'warning', 'notice', 'notice']);
    expect(annotations[0]).toEqual({
      path: 'package-lock.json',
      start_line: 42,
      end_line: 42,
      annotation_level: 'failure',
      title: 'Blocked (malware, critical): flatmap-stream@0.1.1',
      message: [
        'Critical severity vulnerability that affects event-stream and flatmap-stream',
        'Advisories: GHSA-mh6f-8j2x-4483',
        'Transitive dependency via . > event-stream@3.3.6 > flatmap-stream@0.1.1.',
        'Policy rule: malware (tier 1).',
      ].join('\n'),
    });
  });

  it('falls back to line 1 when the lockfile was not indexed', () => {
    expect(buildAnnotations(sampleVerdict()).every((a) => a.start_line === 1 && a.end_line === 1)).toBe(true);
  });

  it('keeps the title within 255 characters and the message within 64 KB', () => {
    const lodash = sampleVerdict().decisions.find((d) => d.finding.change.name === 'lodash')!.finding.change;
    const long = { ...lodash, name: 'x'.repeat(400) };
    const verdict = verdictOf([decision({ change: long, signal: 'vulnerability', severity: 'high', title: '€'.repeat(30_000), ids: Array.from({ length: 3000 }, (_, i) => `CVE-2020-${1000 + i}`), outcome: 'block', rule: 'r', tier: 1 })]);
    const [annotation] = buildAnnotations(verdict);
    expect(annotation!.title.length).toBeLessThanOrEqual(255);
    expect(Buffer.byteLength(annotation!.message, 'utf8')).toBeLessThanOrEqual(64 * 1024);
  });

  it('points at the entry of the package in a real lockfile', async () => {
    const [base, head] = await Promise.all(
      ['npm/v3/upgrade/base/package-lock.json', 'npm/v3/upgrade/head/package-lock.json'].map(async (rel) => parseLockfile(await readFixture(rel), fixtureOptions(rel, { path: 'package-lock.json' }))),
    );
    const changes = diffRepositories([base!], [head!]).changes;
    const express = changes.find((c) => c.name === 'express')!;
    expect(express.type).toBe('upgraded');
    const content = await readFixture('npm/v3/upgrade/head/package-lock.json');
    const lines = new Map([[express.lockfile, indexPackageLines(content, 'npm-package-lock')]]);
    const verdict = verdictOf([decision({ change: express, signal: 'release-age', severity: 'moderate', title: 'published 2 hours ago', outcome: 'warn', rule: 'cooldown', tier: 2 })]);
    const [annotation] = buildAnnotations(verdict, lines);
    const entry = content.split('\n')[annotation!.start_line - 1];
    expect(entry).toBe('    "node_modules/express": {');
    expect(content.split('\n')[annotation!.start_line]).toContain(`"version": "${express.to}"`);
  });
});

describe('batchAnnotations', () => {
  it('splits into requests of at most 50, as the Checks API requires', () => {
    const list = Array.from({ length: 121 }, (_, i) => i);
    const batches = batchAnnotations(list);
    expect(ANNOTATIONS_PER_REQUEST).toBe(50);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 21]);
    expect(batches.flat()).toEqual(list);
    expect(batchAnnotations([])).toEqual([]);
  });

  it('refuses a batch size that is not a positive integer', () => {
    expect(() => batchAnnotations([1], 0)).toThrow(RangeError);
  });
});
