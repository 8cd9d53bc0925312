import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePackageQuery } from '../../src/core/inventory/query.js';
import type { Exposure } from '../../src/core/ports.js';
import { STORE_HOOK_TIMEOUT } from '../adapters/store/engines.js';
import { examplePayload, FULL_NAME, type Harness, type HarnessStore, INSTALLATION_ID, OWNER, REPO, startHarness } from './app-harness.js';

const stores: HarnessStore[] = ['embedded'];
if (process.env.DATABASE_URL) stores.push('postgres');
else console.log('App inventory webhooks on PostgreSQL skipped: DATABASE_URL is not set (.ci/run sets it to the local PostgreSQL 15 server)');

type WebhookExample = { name: string; examples: (Record<string, unknown> & { ref?: string })[] };
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as WebhookExample[];

/** A real branch push from @octokit/webhooks-examples, to the fixture repository's default branch. */
function pushPayload(after: string, changed: readonly string[]): Record<string, unknown> {
  const found = examples.find((e) => e.name === 'push')!.examples.find((x) => x.ref?.startsWith('refs/heads/'));
  if (!found) throw new Error('no branch push in @octokit/webhooks-examples');
  const payload = structuredClone(found) as Record<string, unknown> & { repository: Record<string, unknown> & { owner: Record<string, unknown> } };
  payload.repository.name = REPO;
  payload.repository.full_name = FULL_NAME;
  payload.repository.owner.login = OWNER;
  payload.repository.owner.name = OWNER;
  payload.repository.default_branch = 'main';
  payload.installation = { id: INSTALLATION_ID, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==' };
  payload.ref = 'refs/heads/main';
  payload.after = after;
  payload.deleted = false;
  payload.commits = [{ id: after, added: [], removed: [], modified: changed }];
  return payload;
}

describe.each(stores)('the App keeps the inventory on the %s store current from webhooks', (store) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ store });
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await h?.close();
  }, STORE_HOOK_TIMEOUT);

  const exposures = (query: string): Promise<Exposure[]> => h.inventory!.findExposures([parsePackageQuery(query)]).then((found) => found.exposures);
  async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('not in the inventory in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('snapshots the default branch after a push that changed the lockfile; scope then finds the package', async () => {
    expect((await h.deliver('push', pushPayload(h.commits.malicious, ['package-lock.json', 'package.json']))).status).toBe(200);
    const found = await until(async () => (await exposures('debug@4.4.2')).find((e) => e.sha === h.commits.malicious));
    expect(found).toMatchObject({ repository: FULL_NAME, ref: 'main', name: 'debug', version: '4.4.2', direct: true, lockfile: 'package-lock.json' });
    expect((await exposures('path-to-regexp@0.1.7')).some((e) => !e.direct && e.path.length > 1)).toBe(true);
    h.api.assertValid();
  }, 90_000);

  it('ignores a push to the default branch that changed no dependency file', async () => {
    const before = h.api.requests.length;
    await h.deliver('push', pushPayload(h.commits.readmeOnly, ['README.md']));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(h.api.requests.length).toBe(before);
    expect([...new Set((await exposures('debug@*')).map((e) => e.sha))]).toEqual([h.commits.malicious]);
  }, 30_000);

  it('records a successful deployment: scope names the environment running the package', async () => {
    const payload = examplePayload('deployment_status', 'created');
    const deployment = payload.deployment as { sha: string; ref: string; environment: string };
    deployment.sha = h.commits.malicious;
    deployment.ref = 'main';
    deployment.environment = 'production';
    (payload.deployment_status as { state: string }).state = 'success';
    expect((await h.deliver('deployment_status', payload)).status).toBe(200);
    const found = await until(async () => (await exposures('debug@4.4.2')).find((e) => e.environments.includes('production')));
    expect(found).toMatchObject({ repository: FULL_NAME, sha: h.commits.malicious });
    h.api.assertValid();
  }, 90_000);

  it('ignores a failed deployment', async () => {
    const before = h.api.requests.length;
    const payload = examplePayload('deployment_status', 'created');
    const deployment = payload.deployment as { sha: string; ref: string; environment: string };
    deployment.sha = h.commits.clean;
    deployment.ref = 'main';
    deployment.environment = 'staging';
    (payload.deployment_status as { state: string }).state = 'failure';
    await h.deliver('deployment_status', payload);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(h.api.requests.length).toBe(before);
    expect((await exposures('debug@4.4.2')).flatMap((e) => e.environments)).not.toContain('staging');
  }, 30_000);
});
