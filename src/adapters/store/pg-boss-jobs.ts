import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { EnqueueOptions, Job, Jobs } from '../../core/ports.js';
import type { SqlDatabase, SqlExecutor } from './sql.js';

export interface JobsOptions {
  /** pg-boss's tables live in this schema (default `chaingate_jobs`). */
  readonly schema?: string | undefined;
  /** A running job not finished after this long is failed and retried (default 15 minutes): a crashed worker's job is picked up again. */
  readonly expireInSeconds?: number | undefined;
  /** How often an idle worker looks for work (default 2 s). */
  readonly pollingIntervalSeconds?: number | undefined;
  /** How often pg-boss expires and archives jobs (default 60 s). */
  readonly maintenanceIntervalSeconds?: number | undefined;
  /** Errors of the background maintenance and polling (they are retried on the next round); for the App's log. */
  readonly onError?: ((error: Error) => void) | undefined;
}

/** The queue plus what {@link storeDeliveries} needs: enqueueing inside the caller's transaction. */
export interface StoreJobs extends Jobs {
  /** Creates the queue if needed; call it before {@link enqueueIn} (outside the transaction: PGlite has one connection). */
  prepare(queue: string): Promise<void>;
  /** Enqueues inside the caller's transaction on a prepared queue, so the job exists exactly when the transaction commits. */
  enqueueIn(tx: SqlExecutor, queue: string, payload: unknown, options?: EnqueueOptions): Promise<string | undefined>;
}

/**
 * Durable jobs on pg-boss 10, over the store's own connection on both
 * engines (pg-boss's `db` option): on PostgreSQL several replicas share the
 * queue (`FOR UPDATE SKIP LOCKED`); on the embedded store the one process
 * that holds the directory runs it. Every queue uses pg-boss's `stately`
 * policy: per singleton key at most one job waits and one runs.
 */
export async function openJobs(db: SqlDatabase, options: JobsOptions = {}): Promise<StoreJobs> {
  const boss = new PgBoss({
    db: bossDb(db),
    schema: options.schema ?? 'chaingate_jobs',
    supervise: true,
    schedule: false,
    ...(options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds, superviseIntervalSeconds: options.maintenanceIntervalSeconds } : {}),
  });
  // Errors of the background maintenance are retried on its next round; they must not crash the process.
  boss.on('error', (error: Error) => options.onError?.(error));
  await boss.start();
  const created = new Set<string>();
  const ensureQueue = async (queue: string) => {
    if (created.has(queue)) return;
    await boss.createQueue(queue, { name: queue, policy: 'stately', ...(options.expireInSeconds ? { expireInSeconds: options.expireInSeconds } : {}) });
    created.add(queue);
  };
  const sendOptions = (enqueue: EnqueueOptions | undefined): PgBoss.SendOptions => ({
    // Under `stately` a job without a key would block every other keyless job: give each its own.
    singletonKey: enqueue?.singletonKey ?? randomUUID(),
    retryLimit: enqueue?.retryLimit ?? 3,
    retryDelay: enqueue?.retryDelaySeconds ?? 5,
    retryBackoff: true,
    ...(enqueue?.startAfterSeconds ? { startAfter: enqueue.startAfterSeconds } : {}),
    ...(enqueue?.expireInSeconds || options.expireInSeconds ? { expireInSeconds: Math.max(enqueue?.expireInSeconds ?? 0, options.expireInSeconds ?? 0) } : {}),
  });
  return {
    async enqueue(queue, payload, enqueue) {
      await ensureQueue(queue);
      return (await boss.send(queue, payload as object, sendOptions(enqueue))) ?? undefined;
    },
    prepare: ensureQueue,
    async enqueueIn(tx, queue, payload, enqueue) {
      if (!created.has(queue)) throw new Error(`queue ${queue} must be prepared before enqueueing in a transaction`);
      return (await boss.send(queue, payload as object, { ...sendOptions(enqueue), db: bossDb(tx) })) ?? undefined;
    },
    async work(queue, handler, work) {
      await ensureQueue(queue);
      for (let i = 0; i < (work?.concurrency ?? 1); i++) {
        await boss.work(queue, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async ([job]) => {
          if (!job) return;
          const next: Job = { id: job.id, queue, payload: job.data, attempt: job.retryCount + 1 };
          await handler(next);
        });
      }
    },
    async pending(queue) {
      await ensureQueue(queue);
      return boss.getQueueSize(queue, { before: 'completed' });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, close: false, timeout: 30_000 });
    },
  };
}

function bossDb(target: SqlExecutor): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      return { rows: values && values.length > 0 ? await target.query(text, values) : await target.script(text) };
    },
  } as PgBoss.Db;
}
