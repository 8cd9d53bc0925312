import type { AdvisoryFormat } from '../../core/incident/types.js';
import type { PackageQuery } from '../../core/ports.js';
import { affectedPackagesOf } from './advisory-document.js';

/** The inventory queries for an incident's stored records: every package they name, each version judged as checks judge it. */
export function incidentQueries(records: readonly { readonly format: AdvisoryFormat; readonly record: unknown }[]): PackageQuery[] {
  return records.flatMap((r) => affectedPackagesOf(r.format, r.record)).map((p) => ({ ecosystem: p.ecosystem, name: p.name, versions: p.versions, matches: p.affects }));
}
