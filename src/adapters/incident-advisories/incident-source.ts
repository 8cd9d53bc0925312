import { UpstreamError } from '../../core/errors.js';
import type { Advisory } from '../../core/facts.js';
import type { AdvisoryFormat, Incident } from '../../core/incident/types.js';
import { packageKey, type AdvisorySource } from '../../core/ports.js';
import { affectedPackagesOf } from './advisory-document.js';

/** An incident that gates, with the records its affected versions are judged from. */
export interface GatingIncident {
  readonly incident: Pick<Incident, 'id'>;
  readonly records: readonly { readonly format: AdvisoryFormat; readonly record: unknown }[];
}

/**
 * The store's open incidents as one more advisory source for checks: a
 * change that brings in an affected version gets the incident's advisory,
 * naming the incident, even before the advisory reaches OSV or GitHub. The
 * incidents are read on every call, so a running App gates on an incident
 * the moment `chaingate respond` records it. Whether the finding blocks is
 * the action matrix's call (`block-pull-requests` for its tier).
 */
export class IncidentAdvisorySource implements AdvisorySource {
  readonly name = 'incidents';

  constructor(private readonly gating: () => Promise<readonly GatingIncident[]>) {}

  async advisoriesFor(packages: Parameters<AdvisorySource['advisoriesFor']>[0]): Promise<ReadonlyMap<string, readonly Advisory[]>> {
    let incidents: readonly GatingIncident[];
    try {
      incidents = await this.gating();
    } catch (cause) {
      throw new UpstreamError('UNREACHABLE', 'incidents', `the store's incidents could not be read (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    }
    const found = new Map<string, Advisory[]>();
    if (incidents.length === 0) return found;
    const byName = new Map<string, typeof packages[number][]>();
    for (const ref of packages) {
      const key = `${ref.ecosystem}\u0000${ref.name}`;
      const list = byName.get(key);
      if (list) list.push(ref);
      else byName.set(key, [ref]);
    }
    for (const { incident, records } of incidents) {
      for (const { format, record } of records) {
        for (const affected of affectedPackagesOf(format, record)) {
          for (const ref of byName.get(`${affected.ecosystem}\u0000${affected.name}`) ?? []) {
            if (!affected.affects(ref.version)) continue;
            const key = packageKey(ref);
            const list = found.get(key) ?? [];
            list.push({ ...affected.advisory, incident: incident.id });
            found.set(key, list);
          }
        }
      }
    }
    return found;
  }
}
