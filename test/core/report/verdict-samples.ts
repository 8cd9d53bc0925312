import type { Change } from '../../../src/core/diff/change.js';
import { diffRepositories } from '../../../src/core/diff/index.js';
import type { Severity } from '../../../src/core/facts.js';
import type { AppliedException, Decision, EvidenceValue, Outcome, SignalId, Verdict } from '../../../src/core/findings.js';
import { graphOf } from '../../helpers/graph.js';

/**
 * Verdicts built by hand for the report tests: real Change objects from a
 * diff of two small graphs, with findings and decisions as the signals and the
 * policy would make them (the advisories are the real ones for these versions).
 */
const base = graphOf({
  workspaces: { '.': { 'express@4.21.2': 'prod', 'lodash@4.17.21': 'prod', 'jest-lite@1.0.0': 'dev' } },
  packages: { 'express@4.21.2': {}, 'lodash@4.17.21': {}, 'jest-lite@1.0.0': {} },
});

const head = graphOf({
  workspaces: {
    '.': {
      'express@4.21.2': 'prod',
      'lodash@4.17.15': 'prod',
      'event-stream@3.3.6': 'prod',
      '@acme/ui@2.0.0': 'prod',
      'crossenv@1.0.0': 'prod',
      'esbuild@0.19.0': 'dev',
      'jest-lite@1.0.0': 'dev',
      'request@2.88.2': 'dev',
      'gpl-thing@1.0.0': 'dev',
    },
  },
  packages: {
    'express@4.21.2': {},
    'lodash@4.17.15': {},
    'event-stream@3.3.6': { deps: ['flatmap-stream@0.1.1'] },
    'flatmap-stream@0.1.1': {},
    '@acme/ui@2.0.0': { deps: ['ua-parser-js@0.7.29'] },
    'ua-parser-js@0.7.29': {},
    'crossenv@1.0.0': {},
    'esbuild@0.19.0': {},
    'jest-lite@1.0.0': {},
    'request@2.88.2': { deps: ['qs@6.5.2'] },
    'qs@6.5.2': {},
    'gpl-thing@1.0.0': {},
  },
});

export const sampleDiff = diffRepositories([base], [head]);

export function changeOf(name: string, changes: readonly Change[] = sampleDiff.changes): Change {
  const change = changes.find((c) => c.name === name);
  if (!change) throw new Error(`sample has no change for ${name}`);
  return change;
}

interface DecisionSpec {
  readonly change: Change;
  readonly signal: SignalId;
  readonly severity: Severity;
  readonly title: string;
  readonly ids?: readonly string[];
  readonly evidence?: Record<string, EvidenceValue>;
  readonly outcome: Outcome;
  readonly rule: string;
  readonly tier: 1 | 2 | 3;
  readonly exception?: AppliedException;
}

export function decision(spec: DecisionSpec): Decision {
  return {
    finding: { signal: spec.signal, severity: spec.severity, change: spec.change, title: spec.title, ids: spec.ids ?? [], evidence: spec.evidence ?? {} },
    outcome: spec.outcome,
    rule: spec.exception ? `exception:${spec.exception.id}` : spec.rule,
    tier: spec.tier,
    exception: spec.exception,
  };
}

/** A verdict from its decisions, with counts and conclusion as the policy computes them. */
export function verdictOf(decisions: readonly Decision[], extra: Partial<Pick<Verdict, 'unavailable' | 'expiredExceptions' | 'unusedExceptions'>> = {}): Verdict {
  const unavailable = extra.unavailable ?? [];
  const counts = { block: 0, warn: 0, allow: 0 };
  for (const d of decisions) counts[d.outcome] += 1;
  const blocks = counts.block > 0 || unavailable.some((u) => u.outcome === 'block');
  const warns = counts.warn > 0 || unavailable.some((u) => u.outcome === 'warn') || (extra.expiredExceptions ?? []).length > 0;
  return {
    conclusion: blocks ? 'failure' : warns ? 'neutral' : 'success',
    decisions,
    unavailable,
    expiredExceptions: extra.expiredExceptions ?? [],
    unusedExceptions: extra.unusedExceptions ?? [],
    counts,
  };
}

const requestException: AppliedException = { id: 'request-deprecated', reason: 'Test-only HTTP client; replacement tracked in ACME-142', owner: '@acme/platform', expires: '2026-12-31' };

export function sampleDecisions(): Decision[] {
  return [
    decision({
      change: changeOf('flatmap-stream'),
      signal: 'malware',
      severity: 'critical',
      title: 'Critical severity vulnerability that affects event-stream and flatmap-stream',
      ids: ['GHSA-mh6f-8j2x-4483'],
      evidence: { source: 'github', malware: true },
      outcome: 'block',
      rule: 'malware',
      tier: 1,
    }),
    decision({
      change: changeOf('ua-parser-js'),
      signal: 'malware',
      severity: 'critical',
      title: 'Embedded malware in ua-parser-js',
      ids: ['GHSA-pjwm-rvh2-c87w', 'CVE-2021-27292'],
      evidence: { source: 'osv', malware: true },
      outcome: 'block',
      rule: 'malware',
      tier: 1,
    }),
    decision({
      change: changeOf('lodash'),
      signal: 'vulnerability',
      severity: 'high',
      title: 'Prototype Pollution in lodash',
      ids: ['GHSA-p6mc-m468-83gw', 'CVE-2020-8203'],
      evidence: { cvssScore: 7.4, fixedVersions: ['4.17.19'] },
      outcome: 'block',
      rule: 'vulnerability-high-runtime',
      tier: 1,
    }),
    decision({
      change: changeOf('lodash'),
      signal: 'downgrade',
      severity: 'low',
      title: 'lodash moved down from 4.17.21 to 4.17.15',
      evidence: { from: '4.17.21', to: '4.17.15' },
      outcome: 'warn',
      rule: 'downgrade',
      tier: 3,
    }),
    decision({
      change: changeOf('crossenv'),
      signal: 'typosquat',
      severity: 'high',
      title: 'crossenv looks like the popular package cross-env',
      evidence: { imitates: 'cross-env', distance: 1 },
      outcome: 'block',
      rule: 'typosquat',
      tier: 1,
    }),
    decision({
      change: changeOf('qs'),
      signal: 'vulnerability',
      severity: 'high',
      title: 'qs vulnerable to Prototype Pollution',
      ids: ['GHSA-hrpp-h998-j3pp', 'CVE-2022-24999'],
      evidence: { cvssScore: 7.5, fixedVersions: ['6.5.3'] },
      outcome: 'warn',
      rule: 'vulnerability-dev',
      tier: 2,
    }),
    decision({
      change: changeOf('esbuild'),
      signal: 'install-scripts',
      severity: 'moderate',
      title: 'esbuild runs a postinstall script',
      evidence: { scripts: ['postinstall'] },
      outcome: 'warn',
      rule: 'install-scripts-new',
      tier: 2,
    }),
    decision({
      change: changeOf('request'),
      signal: 'deprecated',
      severity: 'low',
      title: 'request has been deprecated, see https://github.com/request/request/issues/3142',
      evidence: { message: 'request has been deprecated, see https://github.com/request/request/issues/3142' },
      outcome: 'allow',
      rule: 'deprecated',
      tier: 3,
      exception: requestException,
    }),
    decision({
      change: changeOf('gpl-thing'),
      signal: 'license',
      severity: 'low',
      title: 'gpl-thing is licensed GPL-3.0-only',
      evidence: { license: 'GPL-3.0-only' },
      outcome: 'allow',
      rule: 'license-dev-any',
      tier: 3,
    }),
  ];
}

/** A realistic failing verdict: malware, vulnerabilities, a typosquat, warnings, exceptions and an unavailable source. */
export function sampleVerdict(): Verdict {
  return verdictOf(sampleDecisions(), {
    unavailable: [{ source: 'npm-attestations', kind: 'provenance', reason: 'TIMEOUT: no answer within 10 s', outcome: 'warn' }],
    expiredExceptions: [{ id: 'minimist-pollution', reason: 'No fixed version on our line yet', owner: '@acme/security', expires: '2025-01-31' }],
    unusedExceptions: [{ id: 'moment-redos', reason: 'Dates are parsed from trusted input only', owner: 'platform-team', expires: '2026-06-30' }],
  });
}

/** Lines of the sample's lockfile, as indexPackageLines would give them for a real package-lock.json. */
export const sampleLines = new Map([
  [
    'package-lock.json',
    new Map([
      ['@acme/ui@2.0.0', 12],
      ['crossenv@1.0.0', 20],
      ['esbuild@0.19.0', 26],
      ['event-stream@3.3.6', 34],
      ['flatmap-stream@0.1.1', 42],
      ['gpl-thing@1.0.0', 47],
      ['lodash@4.17.15', 60],
      ['qs@6.5.2', 66],
      ['request@2.88.2', 72],
      ['ua-parser-js@0.7.29', 90],
    ]),
  ],
]);

export const HOSTILE_TEXT = '[x](javascript:alert(1)) @everyone <script>alert(1)</script>\r\n::error::pwned ##[error]pwned';

/** Untrusted text everywhere a feed or a lockfile can put it. */
export function hostileVerdict(): Verdict {
  const hostileHead = graphOf({ workspaces: { '.': { '@everyone<script>@1.0.0': 'prod' } }, packages: { '@everyone<script>@1.0.0': {} } });
  const change = changeOf('@everyone<script>', diffRepositories([], [hostileHead]).changes);
  const hostileException: AppliedException = { id: '::error::x', reason: HOSTILE_TEXT, owner: '@everyone', expires: '2099-01-01' };
  return verdictOf(
    [
      decision({ change, signal: 'vulnerability', severity: 'critical', title: HOSTILE_TEXT, ids: ['GHSA-evil](javascript:alert(1))', '<script>'], evidence: { note: HOSTILE_TEXT }, outcome: 'block', rule: 'r', tier: 1 }),
      decision({ change, signal: 'deprecated', severity: 'low', title: HOSTILE_TEXT, outcome: 'allow', rule: 'x', tier: 3, exception: hostileException }),
    ],
    { unavailable: [{ source: '@everyone', kind: 'advisories', reason: HOSTILE_TEXT, outcome: 'block' }], expiredExceptions: [hostileException] },
  );
}
