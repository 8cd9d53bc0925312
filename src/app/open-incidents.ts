import type { OpenIncidentAffected } from '../core/response/deployment-decision.js';

/**
 * The open incidents as the deployment gate asks for them. The incident store
 * implements it (its tiers come from the policy's action matrix and the
 * repository's risk attributes); the App takes it as a part, so the gate runs
 * only where incidents are kept.
 */
export interface OpenIncidentsLookup {
  /** Packages of open incidents that affect `owner/name`, with the tier of an exposure there. */
  affecting(repository: string): Promise<readonly OpenIncidentAffected[]>;
}
