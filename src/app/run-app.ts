import { buildFactSources } from '../adapters/fact-sources.js';
import { type AppStoreOptions, openAppStore } from './app-store.js';
import { readAppConfig } from './config.js';
import { type RunningApp, startApp } from './start-app.js';

export interface RunAppOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** PostgreSQL schemas of the store's tables and of the queue (tests give each run its own). */
  readonly schema?: string | undefined;
  readonly jobsSchema?: string | undefined;
  readonly jobs?: AppStoreOptions['jobs'];
  /** Warnings of the fact sources and the queue's background errors, before the App's logger exists. */
  readonly warn: (message: string) => void;
}

/**
 * Reads the configuration, opens the store (PostgreSQL with DATABASE_URL,
 * else the embedded store in CHAINGATE_STORE or the data directory) and its
 * queue, and starts the App over them. `stop()` drains the workers and
 * closes the store.
 * @throws {UsageError} for a missing or wrong variable; {@link StoreError} when the store cannot be opened.
 */
export async function runApp(options: RunAppOptions): Promise<RunningApp> {
  const config = readAppConfig(options.env);
  const { sources, unavailable } = await buildFactSources({
    advisoriesPath: config.advisoriesPath,
    offline: config.offline,
    cache: true,
    registry: config.registry,
    osvUrl: config.osvUrl,
    env: {},
    onProgress: (event) => {
      if (event.kind === 'warning') options.warn(event.message);
    },
  });
  const store = await openAppStore({
    location: { env: options.env, cwd: options.cwd, schema: options.schema },
    jobsSchema: options.jobsSchema,
    jobs: { onError: (error) => options.warn(`queue: ${error.message}`), ...options.jobs },
  });
  try {
    const app = await startApp({ config, jobs: store.jobs, deliveries: store.deliveries, inventory: store.inventory, incidents: store.incidents, overrides: store.overrides, checkRuns: store.checkRuns, sources, unavailable, storeHealthy: () => store.healthy() });
    return {
      ...app,
      async stop() {
        try {
          await app.stop();
        } finally {
          await store.close();
        }
      },
    };
  } catch (error) {
    await store.jobs.stop().catch(() => undefined);
    await store.close();
    throw error;
  }
}
