// The App as its own process (what `npm start` runs), on a test store, for the restart test.
import { runApp } from '../../src/app/run-app.js';

const app = await runApp({
  env: process.env,
  cwd: process.cwd(),
  schema: process.env.CG_TEST_SCHEMA,
  jobsSchema: process.env.CG_TEST_JOBS_SCHEMA,
  jobs: { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, expireInSeconds: 3 },
  warn: () => undefined,
});
console.log(`listening ${app.url}`);
