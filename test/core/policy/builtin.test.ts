import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { judge, parsePolicy, resolvePolicy, type Policy } from '../../../src/core/policy/index.js';
import { findingOf, type FindingSpec } from './make.js';

const read = (path: string): string => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const TODAY = new Date('2026-03-15T00:00:00Z');

describe('policies/schema.json', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(JSON.parse(read('policies/schema.json')) as object);

  it.each(['policies/default.yml', 'policies/strict.yml'])('accepts %s', (file) => {
    const valid = validate(parseYaml(read(file)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(() => parsePolicy(read(file), file)).not.toThrow();
  });

  it('rejects what the zod schema rejects: unknown keys, bad outcomes, exceptions without an owner', () => {
    expect(validate({ version: 1, colour: 'blue' })).toBe(false);
    expect(validate({ version: 1, rules: [{ id: 'a', signal: 'malware', outcome: 'deny' }] })).toBe(false);
    expect(validate({ version: 1, exceptions: [{ id: 'a', package: 'x', signal: 'malware', reason: 'r', expires: '2030-01-01' }] })).toBe(false);
    expect(validate({ version: 1, rules: [{ id: 'a', signal: 'malware', when: { package: '[ab]' }, outcome: 'block' }] })).toBe(false);
    expect(validate({ version: 1, exceptions: [{ id: 'a', package: 'x', signal: 'malware', reason: 'r', owner: 'o', expires: '2030-01-01' }] })).toBe(true);
  });
});

function outcome(policy: Policy, spec: FindingSpec): string {
  const decision = judge([findingOf(spec)], [], policy, TODAY).decisions[0];
  return `${decision?.outcome} (${decision?.rule})`;
}

describe('chaingate:default', () => {
  const policy = resolvePolicy([]);
  const table: readonly [string, FindingSpec, string][] = [
    ['malware, transitive dev', { signal: 'malware', severity: 'critical', direct: false, dev: true }, 'block (malware)'],
    ['critical vulnerability, transitive runtime', { severity: 'critical', direct: false }, 'block (vulnerability-runtime-high)'],
    ['high vulnerability, runtime', { severity: 'high' }, 'block (vulnerability-runtime-high)'],
    ['high vulnerability, dev only', { severity: 'high', dev: true }, 'warn (default:vulnerability)'],
    ['moderate vulnerability, runtime', { severity: 'moderate' }, 'warn (default:vulnerability)'],
    ['integrity changed for the same version', { signal: 'source', type: 'changed', severity: 'critical', evidence: { changedFields: ['integrity'] } }, 'block (integrity-changed)'],
    ['git dependency', { signal: 'source', severity: 'moderate', evidence: { source: 'git' } }, 'warn (default:source)'],
    ['typosquat, direct', { signal: 'typosquat', direct: true }, 'block (typosquat-direct)'],
    ['typosquat, transitive', { signal: 'typosquat', direct: false }, 'warn (default:typosquat)'],
    ['install scripts on a new transitive package', { signal: 'install-scripts', severity: 'moderate', direct: false }, 'warn (install-scripts)'],
    ['no provenance', { signal: 'provenance', severity: 'low', evidence: { missing: true } }, 'allow (provenance-missing)'],
    ['provenance regressed', { signal: 'provenance', severity: 'high', evidence: { regressed: true } }, 'warn (default:provenance)'],
    ['denied licence', { signal: 'license', severity: 'high', evidence: { unknown: false } }, 'warn (default:license)'],
    ['unknown licence', { signal: 'license', severity: 'low', evidence: { unknown: true } }, 'allow (license-unknown)'],
    ['release inside the cooldown', { signal: 'release-age', severity: 'moderate' }, 'block (default:release-age)'],
    ['deprecated direct dependency', { signal: 'deprecated', severity: 'low', direct: true }, 'warn (default:deprecated)'],
    ['deprecated transitive dependency', { signal: 'deprecated', severity: 'low', direct: false }, 'allow (deprecated-transitive)'],
    ['downgrade', { signal: 'downgrade', severity: 'low', type: 'downgraded' }, 'warn (default:downgrade)'],
  ];
  it.each(table)('%s → %s', (_name, spec, expected) => {
    expect(outcome(policy, spec)).toBe(expected);
  });

  it('has the cooldown off', () => {
    expect(policy.settings.minReleaseAgeHours).toBe(0);
  });
});

describe('chaingate:strict', () => {
  const policy = resolvePolicy([{ file: '.github/chaingate.yml', content: 'version: 1\nextends: chaingate:strict\n' }]);
  const table: readonly [string, FindingSpec, string][] = [
    ['moderate vulnerability, runtime', { severity: 'moderate' }, 'block (vulnerability-runtime-moderate)'],
    ['high vulnerability, dev only', { severity: 'high', dev: true }, 'block (vulnerability-dev-high)'],
    ['low vulnerability, runtime', { severity: 'low' }, 'warn (default:vulnerability)'],
    ['provenance regressed', { signal: 'provenance', severity: 'high', evidence: { regressed: true } }, 'block (provenance-regressed)'],
    ['no provenance', { signal: 'provenance', severity: 'low', evidence: { missing: true } }, 'allow (provenance-missing)'],
    ['a version that adds install scripts', { signal: 'install-scripts', severity: 'high', type: 'upgraded' }, 'block (install-scripts)'],
    ['a new package with install scripts', { signal: 'install-scripts', severity: 'moderate' }, 'warn (default:install-scripts)'],
    ['close typosquat, transitive', { signal: 'typosquat', severity: 'high', direct: false }, 'block (typosquat-close)'],
    ['denied licence', { signal: 'license', severity: 'high', evidence: { unknown: false } }, 'block (license-denied)'],
    ['unknown licence', { signal: 'license', severity: 'low', evidence: { unknown: true } }, 'warn (license-unknown)'],
    ['plain http tarball', { signal: 'source', severity: 'high', evidence: { insecure: true } }, 'block (source-high)'],
    ['malware still blocks', { signal: 'malware', severity: 'critical' }, 'block (malware)'],
  ];
  it.each(table)('%s → %s', (_name, spec, expected) => {
    expect(outcome(policy, spec)).toBe(expected);
  });

  it('sets a 72-hour cooldown, keeps the default deny list and fails closed on every unavailable source', () => {
    expect(policy.settings.minReleaseAgeHours).toBe(72);
    expect(policy.settings.licenses.deny).toContain('AGPL-3.0-only');
    expect(policy.unavailable).toEqual({ advisories: 'block', malware: 'block', metadata: 'block', provenance: 'block' });
  });
});
