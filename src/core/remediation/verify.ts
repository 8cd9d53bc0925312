import semver from 'semver';
import { diffGraphs, type Change } from '../diff/index.js';
import type { DependencyGraph } from '../model.js';
import type { RemediationPlan } from './types.js';

export interface Verification {
  /** chaingate's diff of the lockfile before and after the package manager ran. */
  readonly changes: readonly Change[];
  /** Why the result goes beyond the plans; empty when it does exactly what they say. */
  readonly problems: readonly string[];
}

/** A plan with the advisory's test for its package, so leftovers can be found. */
export interface PlannedPackage {
  readonly plan: RemediationPlan;
  readonly affects: (version: string) => boolean;
}

/**
 * Checks a regenerated lockfile against the plans: every change must move a
 * planned package from an affected version to its planned target, and no
 * affected version may remain. Anything else (another package moved, added or
 * removed, an artefact changed) is a problem to report, never to write.
 */
export function verifyRegenerated(planned: readonly PlannedPackage[], before: DependencyGraph, after: DependencyGraph): Verification {
  const changes = diffGraphs(before, after);
  const problems: string[] = [];
  for (const change of changes) {
    const entry = planned.find((p) => p.plan.package === change.name);
    const plan = entry?.plan;
    // Through a parent update the package manager picks the version in the parent's new range.
    const reached = (to: string) => plan!.remedies.some((r) => r.to === to || (r.via !== undefined && !entry!.affects(to) && semver.satisfies(to, r.via.range)));
    const isPlanned = plan !== undefined
      && change.type !== 'changed'
      && (change.from === undefined || plan.remedies.some((r) => r.from === change.from))
      && (change.to === undefined || reached(change.to));
    const isParentUpdate = change.type === 'upgraded'
      && planned.some((p) => p.plan.remedies.some((r) => r.via?.name === change.name && r.via.from === change.from && r.via.to === change.to));
    if (!isPlanned && !isParentUpdate) problems.push(`unplanned change: ${describe(change)}`);
  }
  for (const { plan, affects } of planned) {
    for (const node of after.packages.values()) {
      if (node.name === plan.package && node.source === 'registry' && affects(node.version)) problems.push(`${node.id} is still in ${after.path}`);
    }
  }
  return { changes, problems };
}

function describe(change: Change): string {
  const versions = change.from && change.to ? `${change.from} → ${change.to}` : (change.to ?? change.from ?? '');
  return `${change.type} ${change.name} ${versions}`.trimEnd();
}
