import type { PackageMetadata } from '../facts.js';
import type { RemediationPlan } from './types.js';

/** Fix targets younger than the release-age cooldown: the pull request says it lets exactly these through. */
export interface CooldownBypass {
  readonly minHours: number;
  readonly young: readonly { readonly name: string; readonly version: string; readonly ageHours: number }[];
}

/**
 * A security fix does not wait out the policy's release-age gate: the plan picks
 * its target by the advisory alone. This names the targets the gate would have
 * held back, so the pull request can say that the bypass covers them and
 * nothing else. A target the registry does not date is not counted as young.
 */
export function cooldownBypasses(plans: readonly RemediationPlan[], metadata: ReadonlyMap<string, PackageMetadata>, minHours: number, now: Date): CooldownBypass {
  const young: CooldownBypass['young'][number][] = [];
  if (minHours <= 0) return { minHours, young };
  for (const plan of plans) {
    for (const remedy of plan.remedies) {
      if (remedy.to === undefined) continue;
      const published = metadata.get(plan.package)?.versions.get(remedy.to)?.publishedAt;
      if (!published) continue;
      const ageHours = Math.floor((now.getTime() - published.getTime()) / 3_600_000);
      if (ageHours < minHours && !young.some((y) => y.name === plan.package && y.version === remedy.to)) young.push({ name: plan.package, version: remedy.to, ageHours });
    }
  }
  return { minHours, young };
}
