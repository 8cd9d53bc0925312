import type { FactSet } from '../core/check/check-trees.js';
import { IncidentAdvisorySource, type GatingIncident } from '../adapters/incident-advisories/incident-source.js';
import { openStoreDatabase } from '../adapters/store/open-store.js';
import { storeIncidents } from '../adapters/store/store-incidents.js';
import type { CliIo } from './io.js';

/**
 * With `--store DIR` or `--incidents`, the check also consults the store's
 * open incidents (read once, when the facts are gathered). Without either it
 * does not touch a store: a CI job with DATABASE_URL for its own tests must
 * not have chaingate migrate that database.
 */
export async function withIncidents(facts: FactSet, asked: { readonly store?: string | undefined; readonly incidents?: boolean | undefined }, io: CliIo): Promise<FactSet> {
  if (asked.store === undefined && asked.incidents !== true) return facts;
  const db = await openStoreDatabase({ storeDir: asked.store, env: io.env, cwd: io.cwd });
  let gating: readonly GatingIncident[];
  try {
    gating = await storeIncidents(db).active();
  } finally {
    await db.close();
  }
  return { ...facts, sources: { ...facts.sources, advisories: [...facts.sources.advisories, new IncidentAdvisorySource(async () => gating)] } };
}
