import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJobs, type StoreJobs } from '../../../src/adapters/store/pg-boss-jobs.js';
import { migrate } from '../../../src/adapters/store/migrations.js';
import { storeDeliveries } from '../../../src/adapters/store/store-deliveries.js';
import type { SqlDatabase } from '../../../src/adapters/store/sql.js';
import { DELIVERY_QUEUE, type Job } from '../../../src/core/ports.js';
import { bundleEntry, startChild } from './child-process.js';
import { dropSchema, STORE_HOOK_TIMEOUT, testEngines } from './engines.js';

const FAST = { expireInSeconds: 3, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1 } as const;

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(testEngines())('durable jobs on the $name store (pg-boss)', (engine) => {
  let handle: Awaited<ReturnType<typeof engine.fresh>>;
  let db: SqlDatabase;
  let jobs: StoreJobs;
  const jobsSchema = () => (handle.schema ? `${handle.schema}_jobs` : undefined);
  beforeAll(async () => {
    handle = await engine.fresh();
    db = handle.db;
    await migrate(db);
    jobs = await openJobs(db, { ...FAST, schema: jobsSchema() });
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await jobs.stop();
    await db.close();
    const schema = jobsSchema();
    if (schema && process.env.DATABASE_URL) await dropSchema(process.env.DATABASE_URL, schema);
    await handle.drop();
  }, STORE_HOOK_TIMEOUT);

  it('retries a job that throws, with the attempt number, until it succeeds', async () => {
    const attempts: number[] = [];
    await jobs.enqueue('retry', { n: 1 }, { retryLimit: 2, retryDelaySeconds: 1 });
    await jobs.work('retry', async (job) => {
      attempts.push(job.attempt);
      if (job.attempt === 1) throw new Error('transient');
    });
    await until(() => attempts.length === 2);
    await until(async () => (await jobs.pending('retry')) === 0);
    expect(attempts).toEqual([1, 2]);
  });

  it('keeps one waiting job per singleton key', async () => {
    const first = await jobs.enqueue('single', { n: 1 }, { singletonKey: 'incident-1/acme/shop' });
    const again = await jobs.enqueue('single', { n: 2 }, { singletonKey: 'incident-1/acme/shop' });
    const other = await jobs.enqueue('single', { n: 3 }, { singletonKey: 'incident-1/acme/api' });
    expect(first).toBeTypeOf('string');
    expect(again).toBeUndefined();
    expect(other).toBeTypeOf('string');
    expect(await jobs.pending('single')).toBe(2);
  });

  it('runs each job once when two workers take from one queue', async () => {
    const second = await openJobs(db, { ...FAST, schema: jobsSchema() });
    const runs = new Map<string, number>();
    let running = 0;
    let overlap = false;
    const handler = (worker: string) => async (job: Job) => {
      const key = (job.payload as { n: number }).n.toString();
      runs.set(key, (runs.get(key) ?? 0) + 1);
      running++;
      if (running > 2) overlap = true;
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
      void worker;
    };
    for (let n = 0; n < 20; n++) await jobs.enqueue('shared', { n });
    await jobs.work('shared', handler('a'));
    await second.work('shared', handler('b'));
    await until(() => runs.size === 20);
    await until(async () => (await jobs.pending('shared')) === 0);
    await second.stop();
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(overlap).toBe(false);
  });

  it('records a delivery and its job in one step, and a redelivery does nothing', async () => {
    const deliveries = storeDeliveries(db, jobs);
    const delivery = { id: 'b7c1e2a0-0001', event: 'pull_request', payload: { action: 'opened', number: 7 }, receivedAt: new Date('2026-01-02T03:04:05Z') };
    expect(await deliveries.accept(delivery)).toBe(true);
    expect(await deliveries.accept(delivery)).toBe(false);
    expect(await deliveries.accept(delivery)).toBe(false);
    expect(await jobs.pending(DELIVERY_QUEUE)).toBe(1);
    const seen: unknown[] = [];
    await jobs.work(DELIVERY_QUEUE, async (job) => {
      const { deliveryId } = job.payload as { deliveryId: string };
      seen.push(await deliveries.get(deliveryId));
      await deliveries.finish(deliveryId, { ok: true });
    });
    await until(() => seen.length === 1);
    expect(seen[0]).toEqual(delivery);
    expect(await deliveries.get('unknown')).toBeUndefined();
    await until(async () => (await db.query<{ ok: boolean | null }>('select ok from deliveries where id = $1', [delivery.id]))[0]?.ok === true);
  });

  it('runs a job again after the worker that held it was killed mid-job', async () => {
    await jobs.stop();
    await db.close();
    const script = await bundleEntry(new URL('./jobs-child.ts', import.meta.url));
    const env = { ...handle.env, ...(handle.schema ? { CG_TEST_SCHEMA: handle.schema } : {}) };
    const child = startChild(script, ['crash', ...(jobsSchema() ? [jobsSchema() ?? ''] : [])], env);
    const started = await child.waitForLine((line) => line.startsWith('running '));
    expect(started).toMatch(/attempt 1$/);
    child.process.kill('SIGKILL');
    expect(await child.exited).toBe('SIGKILL');

    db = await handle.reopen();
    jobs = await openJobs(db, { ...FAST, schema: jobsSchema() });
    const resumed: Job[] = [];
    await jobs.work('crash', async (job) => void resumed.push(job));
    await until(() => resumed.length > 0, 60_000);
    expect(resumed[0]).toMatchObject({ id: started.split(' ')[1], payload: { n: 1 }, attempt: 2 });
    await until(async () => (await jobs.pending('crash')) === 0);
    expect(resumed).toHaveLength(1);
  }, STORE_HOOK_TIMEOUT);
});
