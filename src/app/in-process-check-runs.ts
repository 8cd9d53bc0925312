import type { CheckRunLedger } from '../core/ports.js';

/**
 * The check runs this process created, in memory: for the App on the
 * in-process queue (tests), which loses its work on a restart anyway. The
 * App itself keeps them in the store.
 */
export function inProcessCheckRuns(): CheckRunLedger {
  const runs = new Map<string, number | null>();
  const key = (repository: string, headSha: string): string => `${repository}@${headSha}`;
  return {
    find: (repository, headSha) => Promise.resolve(runs.get(key(repository, headSha))),
    reserve(repository, headSha) {
      if (!runs.has(key(repository, headSha))) runs.set(key(repository, headSha), null);
      return Promise.resolve();
    },
    remember(repository, headSha, runId) {
      runs.set(key(repository, headSha), runId);
      return Promise.resolve();
    },
  };
}
