import { describe, expect, it } from 'vitest';
import { InProcessDeliveries, InProcessJobs } from '../../src/app/in-process-queue.js';
import { DELIVERY_QUEUE } from '../../src/core/ports.js';
import type { Job } from '../../src/core/ports.js';

const settle = (ms = 60) => new Promise((resolve) => setTimeout(resolve, ms));

describe('InProcessJobs', () => {
  it('retries a failing job with backoff up to its limit, then drops it', async () => {
    const jobs = new InProcessJobs({ secondMs: 1 });
    const attempts: number[] = [];
    await jobs.work('q', async (job: Job) => {
      attempts.push(job.attempt);
      throw new Error('down');
    });
    await jobs.enqueue('q', {}, { retryLimit: 2, retryDelaySeconds: 1 });
    for (const deadline = Date.now() + 5000; attempts.length < 3 && Date.now() < deadline; ) await settle(5);
    // Backoff is 1, then 2 "seconds" (ms here); no fourth attempt follows.
    await settle(50);
    expect(attempts).toEqual([1, 2, 3]);
    expect(await jobs.pending('q')).toBe(0);
    await jobs.stop();
  });

  it('keeps one job per singleton key while it waits or runs', async () => {
    const jobs = new InProcessJobs({ secondMs: 1 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    await jobs.work('q', async () => {
      runs++;
      await gate;
    });
    expect(await jobs.enqueue('q', {}, { singletonKey: 'k' })).toBeDefined();
    await settle(10);
    expect(await jobs.enqueue('q', {}, { singletonKey: 'k' })).toBeUndefined();
    release();
    await settle(10);
    expect(await jobs.enqueue('q', {}, { singletonKey: 'k' })).toBeDefined();
    await settle(10);
    expect(runs).toBe(2);
    await jobs.stop();
  });
});

describe('InProcessDeliveries', () => {
  it('enqueues a delivery once, however often it is received', async () => {
    const jobs = new InProcessJobs({ secondMs: 1 });
    const deliveries = new InProcessDeliveries(jobs);
    const delivery = { id: 'd-1', event: 'pull_request', payload: {}, receivedAt: new Date() };
    expect(await deliveries.accept(delivery)).toBe(true);
    expect(await deliveries.accept(delivery)).toBe(false);
    expect(await deliveries.accept(delivery)).toBe(false);
    expect(await jobs.pending(DELIVERY_QUEUE)).toBe(1);
    expect(await deliveries.get('d-1')).toEqual(delivery);
    await jobs.stop();
  });

  it('remembers only the most recent deliveries, oldest forgotten first', async () => {
    const jobs = new InProcessJobs({ secondMs: 1 });
    const deliveries = new InProcessDeliveries(jobs, 2);
    for (const id of ['a', 'b', 'c']) await deliveries.accept({ id, event: 'pull_request', payload: {}, receivedAt: new Date() });
    expect(await deliveries.get('a')).toBeUndefined();
    expect(await deliveries.get('c')).toBeDefined();
    await jobs.stop();
  });
});
