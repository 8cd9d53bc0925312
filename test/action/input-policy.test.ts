import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { resolvePolicy } from '../../src/core/policy/index.js';
import { policyLayerFromInputs } from '../../src/action/input-policy.js';
import { readInputs } from '../../src/action/inputs.js';

const layer = (inputs: Parameters<typeof policyLayerFromInputs>[0]) => policyLayerFromInputs(inputs)!;

describe('dependency-review-style inputs as a policy layer', () => {
  it('adds no layer when no such input is set', () => {
    expect(policyLayerFromInputs({})).toBeUndefined();
  });

  it('fail-on-severity blocks that severity and worse in the runtime scope, warns below and in dev', () => {
    const policy = resolvePolicy([layer({ failOnSeverity: 'moderate' })]);
    expect(policy.rules.slice(0, 3).map((r) => [r.id, r.outcome])).toEqual([
      ['inputs-fail-on-severity', 'block'],
      ['inputs-below-fail-on-severity', 'warn'],
      ['inputs-fail-on-scopes', 'warn'],
    ]);
    expect(layer({ failOnSeverity: 'moderate' }).content).toContain('min-severity: moderate');
    expect(layer({ failOnSeverity: 'moderate' }).content).toContain('dev: false');
  });

  it('fail-on-scopes with both scopes drops the dev condition', () => {
    const content = layer({ failOnSeverity: 'high', failOnScopes: ['runtime', 'development'] }).content;
    expect(content).not.toContain('dev:');
  });

  it('licence lists become settings and a blocking licence rule; allow-dependencies-licenses allows named packages first', () => {
    const policy = resolvePolicy([layer({ denyLicenses: ['GPL-3.0-only'], allowDependenciesLicenses: ['pkg:npm/%40acme/ui@1.0.0', 'pkg:npm/left-pad'] })]);
    expect(policy.rules.slice(0, 2).map((r) => [r.id, r.outcome])).toEqual([
      ['inputs-allow-dependencies-licenses-npm', 'allow'],
      ['inputs-licenses', 'block'],
    ]);
    expect(layer({ allowDependenciesLicenses: ['pkg:npm/%40acme/ui@1.0.0'] }).content).toContain('"@acme/ui"');
  });

  it('allow-ghsas becomes an exception with those ids', () => {
    const policy = resolvePolicy([layer({ allowGhsas: ['GHSA-35jh-r3h4-6jhm'] })]);
    expect(policy.exceptions.map((e) => [e.id, e.ids])).toEqual([['inputs-allow-ghsas', ['GHSA-35jh-r3h4-6jhm']]]);
  });

  it('refuses allow-licenses with deny-licenses, and a malformed package URL', () => {
    expect(() => policyLayerFromInputs({ allowLicenses: ['MIT'], denyLicenses: ['GPL-3.0-only'] })).toThrow(ConfigError);
    expect(() => policyLayerFromInputs({ allowDependenciesLicenses: ['left-pad'] })).toThrow(/not a package URL/u);
  });

  it('reads inputs as the runner gives them: comma or newline lists, checked values', () => {
    const values: Record<string, string> = { 'fail-on-severity': 'HIGH', 'allow-ghsas': 'GHSA-a, GHSA-b\nGHSA-c', 'warn-only': 'true' };
    const inputs = readInputs((name) => values[name] ?? '');
    expect(inputs.review.failOnSeverity).toBe('high');
    expect(inputs.review.allowGhsas).toEqual(['GHSA-a', 'GHSA-b', 'GHSA-c']);
    expect(inputs.warnOnly).toBe(true);
    expect(inputs.commentMode).toBe('never');
    expect(() => readInputs((name) => (name === 'comment-summary-in-pr' ? 'sometimes' : ''))).toThrow(/always, on-failure, never/u);
  });
});
