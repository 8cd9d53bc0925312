#!/usr/bin/env node
import { run } from 'probot';
import { buildFactSources } from '../adapters/fact-sources.js';
import { readAppConfig } from './config.js';
import { InProcessDeliveries, InProcessJobs } from './in-process-queue.js';
import { startApp } from './start-app.js';

/**
 * `npm start`: the GitHub App. Without APP_ID, Probot's setup flow registers
 * the App from app.yml and writes the credentials to .env; with them, the
 * App serves webhooks until SIGINT or SIGTERM.
 */
async function main(env: NodeJS.ProcessEnv): Promise<void> {
  if (!env.APP_ID && env.NODE_ENV !== 'production') {
    await run(() => {});
    return;
  }
  const config = readAppConfig(env);
  if (config.store.kind === 'postgres' || config.store.dir !== undefined) {
    throw new Error('DATABASE_URL / CHAINGATE_STORE: this build has no durable store yet; unset them to run on the in-process queue (deliveries queued in memory are lost on restart)');
  }
  const { sources, unavailable } = await buildFactSources({
    advisoriesPath: config.advisoriesPath,
    offline: config.offline,
    cache: true,
    registry: config.registry,
    osvUrl: config.osvUrl,
    env: {},
    onProgress: (event) => {
      if (event.kind === 'warning') process.stderr.write(`chaingate app: warning: ${event.message}\n`);
    },
  });
  const jobs = new InProcessJobs();
  const app = await startApp({ config, jobs, deliveries: new InProcessDeliveries(jobs), sources, unavailable });
  const stop = (): void => void app.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.env).catch((error: unknown) => {
  process.stderr.write(`chaingate app: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
