import { describe, expect, it } from 'vitest';
import { onDeploymentStatus } from '../../src/app/handlers/deployment-status.js';
import { onPush } from '../../src/app/handlers/push.js';
import { examplePayload } from './app-harness.js';

const SHA = 'a'.repeat(40);

function push(overrides: Record<string, unknown>, changed: readonly string[] = ['package-lock.json']): Record<string, unknown> {
  const payload = { ...examplePayload('pull_request', 'opened'), ref: 'refs/heads/main', after: SHA, deleted: false, commits: [{ added: [], removed: [], modified: changed }], ...overrides };
  (payload.repository as { default_branch: string }).default_branch = 'main';
  return payload;
}

describe('inventory webhooks: which ask for a snapshot', () => {
  it('snapshots a push to the default branch that changed a lockfile or a nested manifest', () => {
    expect(onPush(push({}))).toMatchObject({ owner: 'octo-org', repo: 'shop', ref: 'main', sha: SHA });
    expect(onPush(push({}, ['packages/api/package.json']))).toMatchObject({ sha: SHA });
  });

  it('ignores pushes to other branches, tags, deleted branches and pushes without dependency changes', () => {
    expect(onPush(push({ ref: 'refs/heads/feature' }))).toBeUndefined();
    expect(onPush(push({ ref: 'refs/tags/v1' }))).toBeUndefined();
    expect(onPush(push({ deleted: true, after: '0'.repeat(40) }))).toBeUndefined();
    expect(onPush(push({}, ['README.md', 'src/index.ts']))).toBeUndefined();
  });

  it('snapshots a push whose payload cannot say what changed (no commits listed, or GitHub cut the list at 20)', () => {
    expect(onPush(push({ commits: [] }))).toMatchObject({ sha: SHA });
    expect(onPush(push({ commits: Array.from({ length: 20 }, () => ({ added: [], removed: [], modified: ['README.md'] })) }))).toMatchObject({ sha: SHA });
  });

  it('refuses a push payload without a full commit SHA or an installation', () => {
    expect(onPush(push({ after: 'not-a-sha' }))).toBeUndefined();
    expect(onPush(push({ installation: undefined }))).toBeUndefined();
  });

  it('records only successful deployments with an environment', () => {
    const payload = examplePayload('deployment_status', 'created');
    const deployment = payload.deployment as { sha: string; ref: string; environment: string };
    deployment.sha = SHA;
    const status = payload.deployment_status as { state: string };
    status.state = 'success';
    expect(onDeploymentStatus(payload)).toMatchObject({ sha: SHA, ref: deployment.ref, environment: deployment.environment });
    status.state = 'failure';
    expect(onDeploymentStatus(payload)).toBeUndefined();
    status.state = 'success';
    deployment.environment = '';
    expect(onDeploymentStatus(payload)).toBeUndefined();
  });
});
