import { describe, expect, it } from 'vitest';
import type { UnavailableFacts } from '../../../src/core/facts.js';
import { conclude, judge, resolvePolicy, signalSettingsFrom, tierOf, type Policy } from '../../../src/core/policy/index.js';
import { findingOf, type FindingSpec } from './make.js';

const TODAY = new Date('2026-03-15T12:00:00Z');

/** The given repository layer on top of the built-in default (whose rules come after the layer's). */
function policyOf(yaml: string): Policy {
  return resolvePolicy([{ file: '.github/chaingate.yml', content: `version: 1\n${yaml}` }]);
}

function decide(policy: Policy, spec: FindingSpec) {
  const decision = judge([findingOf(spec)], [], policy, TODAY).decisions[0];
  if (!decision) throw new Error('no decision');
  return decision;
}

describe('judge: rules', () => {
  const policy = policyOf(`
rules:
  - { id: types-dev, signal: "*", when: { package: "@types/*", dev: true }, outcome: allow }
  - { id: web-vulns, signal: vulnerability, when: { workspace: "apps/*", min-severity: moderate }, outcome: block }
  - { id: critical-any, signal: [vulnerability, malware], when: { severity: critical }, outcome: block }
  - { id: transitive-typo, signal: typosquat, when: { direct: false }, outcome: warn }
  - { id: direct-typo, signal: typosquat, when: { direct: true }, outcome: block }
  - { id: new-scripts, signal: install-scripts, when: { change: added }, outcome: warn }
  - { id: pypi-only, signal: "*", when: { ecosystem: pypi }, outcome: block }
  - { id: tier-two, signal: provenance, when: { tier: 2 }, outcome: block }
  - { id: unknown-licence, signal: license, when: { evidence: { unknown: true } }, outcome: allow }
  - { id: integrity, signal: source, when: { evidence: { changedFields: integrity } }, outcome: block }
defaults:
  vulnerability: warn
  typosquat: allow
  install-scripts: allow
  license: warn
  source: warn
  provenance: allow
`);

  // First match wins; no match → the signal's default.
  const table: readonly [string, FindingSpec, string, string][] = [
    ['dev @types package, any signal', { name: '@types/node', dev: true, signal: 'vulnerability', severity: 'critical' }, 'types-dev', 'allow'],
    ['@types package at runtime falls through', { name: '@types/node', dev: false, signal: 'vulnerability', severity: 'critical' }, 'critical-any', 'block'],
    ['scoped glob does not cross "/"', { name: '@types/node/extra', dev: true, severity: 'low' }, 'default:vulnerability', 'warn'],
    ['moderate vuln in an apps/* workspace', { workspaces: ['packages/lib', 'apps/web'], severity: 'moderate' }, 'web-vulns', 'block'],
    ['moderate vuln outside apps/*', { workspaces: ['packages/lib'], severity: 'moderate' }, 'default:vulnerability', 'warn'],
    ['low vuln in apps/* is below min-severity', { workspaces: ['apps/web'], severity: 'low' }, 'default:vulnerability', 'warn'],
    ['unknown severity is below every min-severity', { workspaces: ['apps/web'], severity: 'unknown' }, 'default:vulnerability', 'warn'],
    ['critical malware (signal list)', { signal: 'malware', severity: 'critical' }, 'critical-any', 'block'],
    ['transitive typosquat', { signal: 'typosquat', direct: false }, 'transitive-typo', 'warn'],
    ['direct typosquat', { signal: 'typosquat', direct: true }, 'direct-typo', 'block'],
    ['install scripts on an added package', { signal: 'install-scripts', type: 'added' }, 'new-scripts', 'warn'],
    ['install scripts on an upgrade: the built-in rule below', { signal: 'install-scripts', type: 'upgraded' }, 'install-scripts', 'warn'],
    ['ecosystem condition', { signal: 'deprecated', ecosystem: 'pypi' }, 'pypi-only', 'block'],
    ['tier condition (high → tier 2)', { signal: 'provenance', severity: 'high' }, 'tier-two', 'block'],
    ['tier condition not met (low → tier 3)', { signal: 'provenance', severity: 'low' }, 'default:provenance', 'allow'],
    ['evidence flag', { signal: 'license', evidence: { unknown: true } }, 'unknown-licence', 'allow'],
    ['evidence flag with another value', { signal: 'license', evidence: { unknown: false } }, 'default:license', 'warn'],
    ['evidence list contains the value', { signal: 'source', evidence: { changedFields: ['resolved', 'integrity'] } }, 'integrity', 'block'],
    ['evidence list without the value', { signal: 'source', evidence: { changedFields: ['resolved'] } }, 'default:source', 'warn'],
  ];
  it.each(table)('%s', (_name, spec, rule, outcome) => {
    const decision = decide(policy, spec);
    expect([decision.rule, decision.outcome]).toEqual([rule, outcome]);
  });

  it('never blocks a finding about a removed package, whatever the rules say', () => {
    const strict = policyOf('rules:\n  - { id: everything, signal: "*", outcome: block }\n');
    const signals = ['vulnerability', 'malware', 'source', 'license'] as const;
    const verdict = judge(signals.map((signal) => findingOf({ signal, type: 'removed', severity: 'critical' })), [], strict, TODAY);
    expect(verdict.decisions.map((d) => [d.outcome, d.rule])).toEqual(signals.map(() => ['allow', 'removed']));
    expect(verdict.conclusion).toBe('success');
    // The same findings on an added package block.
    expect(judge(signals.map((signal) => findingOf({ signal, severity: 'critical' })), [], strict, TODAY).conclusion).toBe('failure');
  });
});

describe('judge: tiers', () => {
  const policy = resolvePolicy([]);
  const table: readonly [string, FindingSpec, 1 | 2 | 3][] = [
    ['malware, even in dev', { signal: 'malware', severity: 'critical', dev: true }, 1],
    ['critical at runtime', { severity: 'critical', dev: false }, 1],
    ['critical in dev only (contained)', { severity: 'critical', dev: true }, 2],
    ['high at runtime', { severity: 'high' }, 2],
    ['moderate', { severity: 'moderate' }, 3],
    ['low', { severity: 'low' }, 3],
    ['unknown', { severity: 'unknown' }, 3],
  ];
  it.each(table)('%s is tier %i', (_name, spec, tier) => {
    expect(tierOf(findingOf(spec), policy.tiers)).toBe(tier);
    expect(decide(policy, spec).tier).toBe(tier);
  });

  it('uses the tiers a layer defines, first match wins', () => {
    const custom = policyOf('tiers:\n  - { tier: 1, signal: typosquat, when: { direct: true } }\n  - { tier: 2, signal: "*" }\n');
    expect(tierOf(findingOf({ signal: 'typosquat', direct: true, severity: 'low' }), custom.tiers)).toBe(1);
    expect(tierOf(findingOf({ signal: 'typosquat', direct: false }), custom.tiers)).toBe(2);
  });
});

describe('judge: exceptions', () => {
  const exception = (fields: string) => `exceptions:\n  - id: waiver\n    reason: not reachable from our code\n    owner: "@acme/web"\n${fields}`;
  const vuln: FindingSpec = { name: 'lodash', version: '4.17.20', severity: 'critical', ids: ['GHSA-35jh-r3h4-6jhm', 'CVE-2021-23337'] };

  const matches: readonly [string, string, FindingSpec][] = [
    ['advisory id', '    package: lodash\n    ids: [GHSA-35jh-r3h4-6jhm]\n    expires: 2026-03-15\n', vuln],
    ['alias, case-insensitively', '    package: lodash\n    ids: [cve-2021-23337]\n    expires: 2026-12-31\n', vuln],
    ['package glob and signal', '    package: "lod*"\n    signal: vulnerability\n    expires: 2026-12-31\n', vuln],
    ['version range', '    package: lodash\n    version: ">=4.17.0 <4.17.21"\n    signal: [vulnerability, malware]\n    expires: 2026-12-31\n', vuln],
    ['ecosystem', '    ecosystem: npm\n    package: lodash\n    signal: vulnerability\n    expires: 2026-12-31\n', vuln],
  ];
  it.each(matches)('allows a finding matched by %s', (_name, fields, spec) => {
    const verdict = judge([findingOf(spec)], [], policyOf(exception(fields)), TODAY);
    expect(verdict.decisions[0]).toMatchObject({ outcome: 'allow', rule: 'exception:waiver', exception: { id: 'waiver', owner: '@acme/web', reason: 'not reachable from our code' } });
    expect(verdict.unusedExceptions).toEqual([]);
    expect(verdict.conclusion).toBe('success');
  });

  const misses: readonly [string, string][] = [
    ['another advisory id', '    package: lodash\n    ids: [GHSA-p6mc-m468-83gw]\n    expires: 2026-12-31\n'],
    ['another package', '    package: underscore\n    signal: vulnerability\n    expires: 2026-12-31\n'],
    ['a version outside the range', '    package: lodash\n    version: ">=4.17.21"\n    signal: vulnerability\n    expires: 2026-12-31\n'],
    ['another signal', '    package: lodash\n    signal: malware\n    expires: 2026-12-31\n'],
    ['another ecosystem', '    ecosystem: pypi\n    package: lodash\n    signal: vulnerability\n    expires: 2026-12-31\n'],
    ['ids that match but a signal that does not', '    package: lodash\n    signal: malware\n    ids: [GHSA-35jh-r3h4-6jhm]\n    expires: 2026-12-31\n'],
  ];
  it.each(misses)('does not apply to %s, and reports the exception as unused', (_name, fields) => {
    const verdict = judge([findingOf(vuln)], [], policyOf(`${exception(fields)}rules:\n  - { id: block-vulns, signal: vulnerability, outcome: block }\n`), TODAY);
    expect(verdict.decisions[0]).toMatchObject({ outcome: 'block', rule: 'block-vulns' });
    expect(verdict.unusedExceptions.map((e) => e.id)).toEqual(['waiver']);
    expect(verdict.conclusion).toBe('failure');
  });

  it('stops applying the day after it expires and reports it as expired', () => {
    const policy = policyOf(`${exception('    package: lodash\n    signal: vulnerability\n    expires: 2026-03-14\n')}rules:\n  - { id: block-vulns, signal: vulnerability, outcome: block }\n`);
    const verdict = judge([findingOf(vuln)], [], policy, TODAY);
    expect(verdict.decisions[0]).toMatchObject({ outcome: 'block', rule: 'block-vulns' });
    expect(verdict.expiredExceptions).toEqual([{ id: 'waiver', owner: '@acme/web', reason: 'not reachable from our code', expires: '2026-03-14' }]);
    expect(verdict.unusedExceptions).toEqual([]);
    expect(verdict.conclusion).toBe('failure');
  });

  it('still applies on its expiry day (UTC)', () => {
    const policy = policyOf(exception('    package: lodash\n    signal: vulnerability\n    expires: 2026-03-15\n'));
    expect(judge([findingOf(vuln)], [], policy, new Date('2026-03-15T23:59:59Z')).decisions[0]?.rule).toBe('exception:waiver');
    expect(judge([findingOf(vuln)], [], policy, new Date('2026-03-16T00:00:00Z')).decisions[0]?.rule).toBe('vulnerability-runtime-high');
  });

  it('does not count a removed package as a use', () => {
    const policy = policyOf(exception('    package: lodash\n    signal: vulnerability\n    expires: 2026-12-31\n'));
    const verdict = judge([findingOf({ ...vuln, type: 'removed' })], [], policy, TODAY);
    expect(verdict.decisions[0]?.rule).toBe('removed');
    expect(verdict.unusedExceptions.map((e) => e.id)).toEqual(['waiver']);
  });

  it('takes exceptions from every layer', () => {
    const waiver = (id: string, pkg: string) => `exceptions:\n  - { id: ${id}, package: ${pkg}, signal: malware, reason: r, owner: o, expires: 2026-12-31 }\n`;
    const policy = resolvePolicy([
      { file: 'org.yml', content: `version: 1\n${waiver('org-waiver', 'a')}` },
      { file: 'repo.yml', content: `version: 1\n${waiver('repo-waiver', 'b')}` },
    ]);
    const verdict = judge([findingOf({ signal: 'malware', name: 'a' }), findingOf({ signal: 'malware', name: 'b' }), findingOf({ signal: 'malware', name: 'c' })], [], policy, TODAY);
    expect(verdict.decisions.map((d) => d.rule)).toEqual(['exception:org-waiver', 'exception:repo-waiver', 'malware']);
  });
});

describe('judge: conclusion, counts and unavailable facts', () => {
  const policy = resolvePolicy([]);

  it('succeeds with nothing to say', () => {
    expect(judge([], [], policy, TODAY)).toEqual({ conclusion: 'success', decisions: [], unavailable: [], expiredExceptions: [], unusedExceptions: [], counts: { block: 0, warn: 0, allow: 0 } });
  });

  it('is neutral when the worst outcome is warn, failure when anything blocks', () => {
    const warn = findingOf({ signal: 'deprecated', severity: 'low', direct: true });
    const allow = findingOf({ signal: 'deprecated', severity: 'low', direct: false });
    const block = findingOf({ signal: 'malware', severity: 'critical' });
    expect(judge([allow], [], policy, TODAY).conclusion).toBe('success');
    expect(judge([allow, warn], [], policy, TODAY).conclusion).toBe('neutral');
    const verdict = judge([allow, warn, block], [], policy, TODAY);
    expect(verdict.conclusion).toBe('failure');
    expect(verdict.counts).toEqual({ block: 1, warn: 1, allow: 1 });
    expect(verdict.decisions.map((d) => d.finding)).toEqual([allow, warn, block]);
  });

  it('fails closed when advisories or malware facts are unavailable, and warns for the rest', () => {
    const facts = (kind: UnavailableFacts['kind']): UnavailableFacts => ({ source: 'osv', kind, reason: 'timed out after 10 s' });
    expect(judge([], [facts('advisories')], policy, TODAY).conclusion).toBe('failure');
    expect(judge([], [facts('malware')], policy, TODAY).conclusion).toBe('failure');
    expect(judge([], [facts('metadata')], policy, TODAY).conclusion).toBe('neutral');
    const verdict = judge([], [facts('provenance')], policy, TODAY);
    expect(verdict.conclusion).toBe('neutral');
    expect(verdict.unavailable).toEqual([{ source: 'osv', kind: 'provenance', reason: 'timed out after 10 s', outcome: 'warn' }]);
  });

  it('follows the policy for unavailable facts', () => {
    const lenient = policyOf('unavailable:\n  advisories: warn\n');
    expect(judge([], [{ source: 'osv', kind: 'advisories', reason: '503' }], lenient, TODAY).conclusion).toBe('neutral');
  });

  it('concludes from outcomes alone', () => {
    expect(conclude([])).toBe('success');
    expect(conclude(['allow', 'warn'])).toBe('neutral');
    expect(conclude(['warn', 'block', 'allow'])).toBe('failure');
  });
});

describe('signalSettingsFrom', () => {
  it('passes the policy settings, the age gates and the popular names through', () => {
    const policy = policyOf('settings:\n  min-release-age-hours: 48\n  allowed-registries: [npm.acme.dev]\n  licenses: { allow: [MIT], deny: [AGPL-3.0-only] }\n');
    const gates = [{ file: '.npmrc', hours: 24 }];
    const popular = new Map([['npm', ['react', 'lodash']]]);
    expect(signalSettingsFrom(policy, gates, popular)).toEqual({
      minReleaseAgeHours: 48,
      packageManagerAgeGates: gates,
      allowedRegistries: ['npm.acme.dev'],
      licenses: { allow: ['MIT'], deny: ['AGPL-3.0-only'] },
      popularPackages: popular,
    });
  });
});
