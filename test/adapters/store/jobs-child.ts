// A worker process for the crash test: enqueues one job, takes it, says so, and never finishes it.
import { openJobs } from '../../../src/adapters/store/pg-boss-jobs.js';
import { openStoreDatabase } from '../../../src/adapters/store/open-store.js';

const [queue = 'q', jobsSchema] = process.argv.slice(2);
const db = await openStoreDatabase({ env: process.env, cwd: process.cwd(), schema: process.env.CG_TEST_SCHEMA });
const jobs = await openJobs(db, { schema: jobsSchema, expireInSeconds: 3, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1 });
await jobs.enqueue(queue, { n: 1 }, { retryLimit: 3, retryDelaySeconds: 1 });
// PGlite writes its pages back lazily: a checkpoint puts the enqueued job on disk before the crash.
if (db.engine === 'embedded') await db.query('checkpoint');
await jobs.work(queue, async (job) => {
  console.log(`running ${job.id} attempt ${job.attempt}`);
  await new Promise(() => undefined);
});
