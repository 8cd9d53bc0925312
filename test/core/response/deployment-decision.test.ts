import { describe, expect, it } from 'vitest';
import { type DeployedComponent, decideDeployment, type OpenIncidentAffected } from '../../../src/core/response/deployment-decision.js';

const debug = (version: string, dev = false): DeployedComponent => ({ ecosystem: 'npm', name: 'debug', version, dev, lockfile: 'package-lock.json' });
const incident = (overrides: Partial<OpenIncidentAffected> = {}): OpenIncidentAffected => ({
  incident: 'MAL-2025-46974', ecosystem: 'npm', name: 'debug', versions: '4.4.2', affects: (v) => v === '4.4.2', tier: 1, ...overrides,
});

describe('decideDeployment', () => {
  it('rejects a commit holding a tier-1 exposure, naming the package, incident and lockfile', () => {
    const decision = decideDeployment('production', [debug('4.4.2')], [incident()]);
    expect(decision.state).toBe('rejected');
    expect(decision.comment).toBe('chaingate: deployment to production rejected: tier-1 exposure to an open incident: debug@4.4.2 (MAL-2025-46974, package-lock.json). Remove the affected version, or approve an override in the incident issue.');
  });

  it('approves a commit free of the affected versions, or exposed below tier 1', () => {
    expect(decideDeployment('production', [debug('4.4.1')], [incident()]).state).toBe('approved');
    expect(decideDeployment('production', [debug('4.4.2')], [incident({ tier: 2 })]).state).toBe('approved');
    expect(decideDeployment('production', [debug('4.4.2', true)], [incident({ devTier: 3 })]).state).toBe('approved');
    expect(decideDeployment('production', [debug('4.4.2', true)], [incident()]).state).toBe('rejected');
  });

  it('approves with the override and its approvers when the block was lifted', () => {
    const decision = decideDeployment('production', [debug('4.4.2')], [incident({ overriddenBy: ['alice', 'bob'] })]);
    expect(decision.state).toBe('approved');
    expect(decision.comment).toContain('approved by override (approved by alice, bob)');
    expect(decision.blocking).toHaveLength(1);
  });

  it('keeps untrusted names inert and the comment bounded', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ ...debug('4.4.2'), lockfile: `packages/@evil/<b>${i}</b>\n/package-lock.json` }));
    const decision = decideDeployment('prod', many, [incident()]);
    expect(decision.comment.length).toBeLessThanOrEqual(1000);
    expect(decision.comment).not.toMatch(/[<>\n]/u);
    expect(decision.comment).toContain('@\u200bevil');
  });
});
