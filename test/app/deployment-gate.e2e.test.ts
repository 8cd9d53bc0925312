import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onDeploymentProtectionRule } from '../../src/app/handlers/deployment-protection-rule.js';
import type { OpenIncidentsLookup } from '../../src/app/open-incidents.js';
import { examplePayload, FULL_NAME, type Harness, startHarness } from './app-harness.js';

/**
 * A `deployment_protection_rule` payload (no example in @octokit/webhooks-examples, so the fields of
 * GitHub's webhook schema `webhook-deployment-protection-rule-requested` around a real repository and installation).
 */
function gatePayload(sha: string, environment = 'production', runId = 7001, callbackRepo = FULL_NAME): Record<string, unknown> {
  const base = examplePayload('deployment_status', 'created');
  return {
    action: 'requested',
    environment,
    event: 'workflow_dispatch',
    sha,
    ref: 'refs/heads/main',
    deployment_callback_url: `https://api.github.com/repos/${callbackRepo}/actions/runs/${runId}/deployment_protection_rule`,
    deployment: base.deployment,
    pull_requests: [],
    repository: base.repository,
    installation: base.installation,
    sender: base.sender,
  };
}

const debugIncident: OpenIncidentsLookup = {
  affecting: async (repository) =>
    repository === FULL_NAME ? [{ incident: 'MAL-2025-46974', ecosystem: 'npm', name: 'debug', versions: '4.4.2', affects: (v: string) => v === '4.4.2', tier: 1 as const }] : [],
};

describe('onDeploymentProtectionRule', () => {
  it('reads the deployment, and the run from the callback URL of this repository only', () => {
    const sha = 'a'.repeat(40);
    expect(onDeploymentProtectionRule(gatePayload(sha))).toMatchObject({ owner: 'octo-org', repo: 'shop', environment: 'production', sha, ref: 'main', runId: 7001 });
    expect(onDeploymentProtectionRule(gatePayload(sha, 'production', 7001, 'someone/else'))).toBeUndefined();
    expect(onDeploymentProtectionRule({ ...gatePayload(sha), deployment_callback_url: 'https://evil.example/x' })).toBeUndefined();
    expect(onDeploymentProtectionRule({ ...gatePayload(sha), action: 'completed' })).toBeUndefined();
    expect(onDeploymentProtectionRule({ ...gatePayload(sha), sha: 'not-a-sha', deployment: null })).toBeUndefined();
  });
});

describe('the App as a custom deployment protection rule', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ openIncidents: debugIncident });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  async function review(runId: number, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = h.api.issues.gateReviews.find((r) => r.runId === runId);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no review of run ${runId}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('rejects a deployment whose commit holds debug@4.4.2 (tier 1), with the reason, reading the tree through the API', async () => {
    expect((await h.deliver('deployment_protection_rule', gatePayload(h.commits.malicious, 'production', 8001))).status).toBe(200);
    const r = await review(8001);
    expect(r).toMatchObject({ repository: FULL_NAME, environment: 'production', state: 'rejected' });
    expect(r.comment).toContain('debug@4.4.2 (MAL-2025-46974, package-lock.json)');
    h.api.assertValid();
  });

  it('approves a deployment of a clean commit', async () => {
    expect((await h.deliver('deployment_protection_rule', gatePayload(h.commits.clean, 'staging', 8002))).status).toBe(200);
    expect(await review(8002)).toMatchObject({ environment: 'staging', state: 'approved' });
    h.api.assertValid();
  });
});
