import { openStoreDatabase, type StoreLocation } from '../adapters/store/open-store.js';
import { openJobs, type JobsOptions, type StoreJobs } from '../adapters/store/pg-boss-jobs.js';
import { storeDeliveries } from '../adapters/store/store-deliveries.js';
import { storeCheckRuns } from '../adapters/store/store-check-runs.js';
import { storeInventory } from '../adapters/store/store-inventory.js';
import { storeIncidents, type IncidentStore } from '../adapters/store/store-incidents.js';
import { storeOverrides } from '../adapters/store/store-overrides.js';
import type { SqlDatabase } from '../adapters/store/sql.js';
import type { CheckRunLedger, Deliveries, Inventory, Overrides } from '../core/ports.js';

/** A running job not finished after this long was lost with its process (a crash, a kill) and is retried. */
export const APP_JOB_EXPIRY_SECONDS = 300;
const HEALTH_TIMEOUT_MS = 2_000;

/** What the App keeps in the store: deliveries, the durable queue, the inventory, overrides, its check runs and incidents. */
export interface AppStore {
  readonly db: SqlDatabase;
  readonly jobs: StoreJobs;
  readonly deliveries: Deliveries;
  readonly inventory: Inventory;
  /** Incidents recorded by `chaingate respond` (and, later, the App's own intake). */
  readonly incidents: IncidentStore;
  /** Maintainers' `/chaingate allow` overrides, granted or refused. */
  readonly overrides: Overrides;
  readonly checkRuns: CheckRunLedger;
  /** `true` when the database answers a query within 2 s. */
  healthy(): Promise<boolean>;
  /** Closes the database (stop the queue first). */
  close(): Promise<void>;
}

export interface AppStoreOptions {
  readonly location: StoreLocation;
  /** pg-boss's schema (tests give each run its own). */
  readonly jobsSchema?: string | undefined;
  readonly jobs?: Omit<JobsOptions, 'schema'>;
}

/**
 * Opens the App's store (PostgreSQL with DATABASE_URL, else the embedded
 * store) and its pg-boss queue. Deliveries are accepted into the store in
 * one transaction with their job, so an acknowledged delivery survives a
 * restart.
 * @throws {StoreError} when the store cannot be opened.
 */
export async function openAppStore(options: AppStoreOptions): Promise<AppStore> {
  const db = await openStoreDatabase(options.location);
  let jobs: StoreJobs;
  try {
    jobs = await openJobs(db, { expireInSeconds: APP_JOB_EXPIRY_SECONDS, ...options.jobs, schema: options.jobsSchema });
  } catch (error) {
    await db.close();
    throw error;
  }
  const deliveries = storeDeliveries(db, jobs);
  return {
    db,
    jobs,
    inventory: storeInventory(db),
    incidents: storeIncidents(db),
    overrides: storeOverrides(db),
    checkRuns: storeCheckRuns(db),
    deliveries: db.engine === 'embedded' ? checkpointed(db, deliveries) : deliveries,
    healthy: () => answersWithin(db, HEALTH_TIMEOUT_MS),
    close: () => db.close(),
  };
}

/**
 * PGlite writes its pages back to disk lazily: without a CHECKPOINT a killed
 * process may lose the delivery it already acknowledged. PostgreSQL's
 * commit is durable by itself.
 */
function checkpointed(db: SqlDatabase, deliveries: Deliveries): Deliveries {
  return {
    ...deliveries,
    async accept(delivery) {
      const fresh = await deliveries.accept(delivery);
      if (fresh) await db.query('checkpoint');
      return fresh;
    },
  };
}

async function answersWithin(db: SqlDatabase, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([db.query('select 1').then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
