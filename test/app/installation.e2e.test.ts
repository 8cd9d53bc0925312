import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/adapters/github/index.js';
import { openAppStore } from '../../src/app/app-store.js';
import { applyRepositoriesChange, BACKFILL_QUEUE, workBackfills } from '../../src/app/installation-worker.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { STORE_HOOK_TIMEOUT } from '../adapters/store/engines.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { type Harness, type HarnessStore, INSTALLATION_ID, OWNER, startHarness, TEST_JOBS, testStoreLocation } from './app-harness.js';

const stores: HarnessStore[] = ['embedded'];
if (process.env.DATABASE_URL) stores.push('postgres');
else console.log('App installation webhooks on PostgreSQL skipped: DATABASE_URL is not set (.ci/run sets it to the local PostgreSQL 15 server)');

type WebhookExample = { name: string; examples: Record<string, unknown>[] };
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as WebhookExample[];

const LOCKFILE = readFileSync(join(FIXTURES, 'npm/v3-resolved/upgrade/head/package-lock.json'), 'utf8');
const MANIFEST = readFileSync(join(FIXTURES, 'npm/v3-resolved/upgrade/head/package.json'), 'utf8');

/** A real installation payload from @octokit/webhooks-examples, for these repositories of the test organisation. */
function installationPayload(event: 'installation' | 'installation_repositories', action: string, names: readonly string[]): Record<string, unknown> {
  const found = examples.find((e) => e.name === event)?.examples.find((x) => x.action === action);
  if (!found) throw new Error(`no ${event}.${action} example`);
  const payload = structuredClone(found) as Record<string, unknown> & { installation: Record<string, unknown> };
  payload.installation.id = INSTALLATION_ID;
  const list = names.map((name, i) => ({ id: 7000 + i, node_id: `R_${i}`, name, full_name: `${OWNER}/${name}`, private: true }));
  if (event === 'installation') payload.repositories = list;
  else Object.assign(payload, action === 'added' ? { repositories_added: list, repositories_removed: [] } : { repositories_added: [], repositories_removed: list });
  return payload;
}

function treeRequests(h: Harness, name: string): number {
  return h.api.requests.filter((r) => r.operationId === 'git/get-tree' && r.path.startsWith(`/repos/${OWNER}/${name}/`)).length;
}

describe.each(stores)('installation webhooks keep the inventory on the %s store to the repositories the App can see', (store) => {
  let h: Harness;
  const names = ['alpha', 'bravo', 'charlie', 'delta'];
  beforeAll(async () => {
    h = await startHarness({ store });
    for (const name of names) h.addRepository(name, { 'package-lock.json': LOCKFILE, 'package.json': MANIFEST });
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await h?.close();
  }, STORE_HOOK_TIMEOUT);

  it('backfills the default branch of every repository of a new installation', async () => {
    expect((await h.deliver('installation', installationPayload('installation', 'created', names))).status).toBe(200);
    await h.idle(60_000);
    const snapshots = (await h.inventory!.list()).filter((s) => s.ref === 'main');
    expect(snapshots.map((s) => s.repository).sort()).toEqual(names.map((n) => `${OWNER}/${n}`));
    expect(snapshots.every((s) => s.components > 0)).toBe(true);
    for (const name of names) expect(treeRequests(h, name), name).toBe(1);
    h.api.assertValid();
  }, 90_000);

  it('skips repositories already snapshotted at the same commit when they are added again', async () => {
    await h.deliver('installation_repositories', installationPayload('installation_repositories', 'added', names.slice(0, 2)));
    await h.idle();
    for (const name of names) expect(treeRequests(h, name), name).toBe(1);
  }, 60_000);

  it('forgets the removed repositories, and all of them when the App is uninstalled', async () => {
    await h.deliver('installation_repositories', installationPayload('installation_repositories', 'removed', ['alpha']));
    await h.idle();
    expect((await h.inventory!.list()).map((s) => s.repository)).not.toContain(`${OWNER}/alpha`);
    await h.deliver('installation', installationPayload('installation', 'deleted', names));
    await h.idle();
    expect((await h.inventory!.list()).filter((s) => names.some((n) => s.repository === `${OWNER}/${n}`))).toEqual([]);
  }, 60_000);
});

describe('an installation backfill stopped half-way', () => {
  let h: Harness;
  const names = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
  beforeAll(async () => {
    h = await startHarness();
    for (const name of names) h.addRepository(name, { 'package-lock.json': LOCKFILE, 'package.json': MANIFEST });
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await h?.close();
  }, STORE_HOOK_TIMEOUT);

  it('resumes from its durable jobs after a restart: each repository is snapshotted once', async () => {
    const location = await testStoreLocation('embedded');
    const log = pino({ level: 'silent' }) as unknown as Logger;
    const client = createGitHubClient({ token: h.api.issueToken(), baseUrl: `http://${h.api.host}/api/v3`, userAgent: 'chaingate-test', retries: 0 });
    const open = () => openAppStore({ location: { env: location.env, cwd: location.cwd, schema: location.schema }, jobsSchema: location.jobsSchema, jobs: TEST_JOBS });
    const depsOf = (store: Awaited<ReturnType<typeof open>>) => ({
      jobs: store.jobs,
      inventory: store.inventory,
      snapshot: { clientFor: () => Promise.resolve(client), limits: DEFAULT_LIMITS, now: () => new Date() },
      log,
      concurrency: 1,
      retryLimit: 3,
      retryDelaySeconds: 1,
    });
    try {
      const first = await open();
      const queued = await applyRepositoriesChange(depsOf(first), { installationId: INSTALLATION_ID, added: names.map((repo) => ({ owner: OWNER, repo })), removed: [], reason: 'test' });
      expect(queued).toEqual({ queued: 6, removed: 0 });
      await workBackfills(depsOf(first));
      // Stop the process once two repositories are in: the rest of the jobs stay queued in the store.
      for (let done = 0; done < 2; done = (await first.inventory.list()).length) await new Promise((resolve) => setTimeout(resolve, 20));
      await first.jobs.stop();
      const doneBefore = (await first.inventory.list()).map((s) => s.repository);
      await first.close();
      expect(doneBefore.length).toBeLessThan(6);

      const second = await open();
      await workBackfills(depsOf(second));
      for (let pending = 1; pending > 0; pending = await second.jobs.pending(BACKFILL_QUEUE)) await new Promise((resolve) => setTimeout(resolve, 50));
      const snapshots = await second.inventory.list();
      await second.jobs.stop();
      await second.close();
      expect(snapshots.map((s) => s.repository).sort()).toEqual(names.map((n) => `${OWNER}/${n}`));
      for (const name of names) expect(treeRequests(h, name), name).toBe(1);
      h.api.assertValid();
    } finally {
      await location.drop();
    }
  }, 120_000);
});
