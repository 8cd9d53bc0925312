import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/adapters/github/octokit.js';
import { runDeploymentGate } from '../../src/app/run-deployment-gate.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import type { Exposure, Inventory } from '../../src/core/ports.js';
import { type FakeGitHubApi, startFakeGitHubApi } from '../helpers/fake-github-api.js';

const SHA = 'c'.repeat(40);
const exposure: Exposure = {
  repository: 'octo-org/shop', ref: 'main', sha: SHA, environments: [], ecosystem: 'npm', name: 'debug', version: '4.4.2', direct: true, dev: false, path: ['.', 'debug@4.4.2'], lockfile: 'package-lock.json',
};

/** The two inventory reads the gate makes; anything else would be a bug in the gate. */
function inventoryAt(sha: string): Inventory {
  return {
    snapshotState: async () => ({ sha, contentHash: 'h' }),
    findExposures: async () => ({ exposures: [exposure, { ...exposure, sha: 'd'.repeat(40) }], total: 2 }),
  } as Partial<Inventory> as Inventory;
}

describe('runDeploymentGate', () => {
  let api: FakeGitHubApi;
  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    api = await startFakeGitHubApi({ appId: 1, privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() });
  });
  afterAll(() => api.close());

  const deps = (inventory: Inventory | undefined, affecting: boolean) => ({
    openIncidents: { affecting: async () => (affecting ? [{ incident: 'MAL-2025-46974', ecosystem: 'npm', name: 'debug', versions: '4.4.2', affects: (v: string) => v === '4.4.2', tier: 1 as const }] : []) },
    inventory,
    clientFor: async () => createGitHubClient({ token: api.issueToken(), baseUrl: `http://${api.host}/api/v3`, userAgent: 't', retries: 0, throttle: false }),
    limits: DEFAULT_LIMITS,
  });
  const request = (runId: number) => ({ installationId: 1, owner: 'octo-org', repo: 'shop', environment: 'production', sha: SHA, ref: 'main', runId, reason: 'test' });

  it("answers from the inventory when its snapshot of the ref is the deployed commit, without reading the tree", async () => {
    const decision = await runDeploymentGate(deps(inventoryAt(SHA), true), request(11));
    expect(decision.state).toBe('rejected');
    expect(decision.blocking).toHaveLength(1);
    expect(api.requests.some((r) => r.operationId === 'git/get-tree')).toBe(false);
    expect(api.issues.gateReviews.find((r) => r.runId === 11)).toMatchObject({ state: 'rejected', environment: 'production' });
  });

  it('approves at once when no open incident affects the repository', async () => {
    expect((await runDeploymentGate(deps(inventoryAt('e'.repeat(40)), false), request(12))).state).toBe('approved');
    expect(api.issues.gateReviews.find((r) => r.runId === 12)?.state).toBe('approved');
    api.assertValid();
  });
});
