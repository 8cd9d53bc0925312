#!/usr/bin/env node
import { run } from 'probot';
import { runApp } from './run-app.js';

/**
 * `npm start`: the GitHub App. Without APP_ID, Probot's setup flow registers
 * the App from app.yml and writes the credentials to .env; with them, the
 * App serves webhooks from its store until SIGINT or SIGTERM.
 */
async function main(env: NodeJS.ProcessEnv): Promise<void> {
  if (!env.APP_ID && env.NODE_ENV !== 'production') {
    await run(() => {});
    return;
  }
  const app = await runApp({ env, cwd: process.cwd(), warn: (message) => process.stderr.write(`chaingate app: warning: ${message}\n`) });
  const stop = (): void => void app.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.env).catch((error: unknown) => {
  process.stderr.write(`chaingate app: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
