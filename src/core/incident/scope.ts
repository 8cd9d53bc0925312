import { exposureTier } from '../inventory/scope-report.js';
import type { TierDefinition } from '../policy/policy.js';
import type { Exposure } from '../ports.js';
import type { Incident, IncidentExposure } from './types.js';

/** Each exposure with the tier the policy gives it for this incident (its malware flag and severity; the exposure's direct / dev / workspace). */
export function tierExposures(exposures: readonly Exposure[], tiers: readonly TierDefinition[], incident: Pick<Incident, 'ids' | 'malware' | 'severity'>): IncidentExposure[] {
  const [id = '', ...aliases] = incident.ids;
  const advisory = { id, aliases, malware: incident.malware, severity: incident.severity };
  return exposures.map((exposure) => ({ ...exposure, tier: exposureTier(exposure, tiers, advisory) }));
}
