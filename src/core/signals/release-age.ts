import type { Finding, Signal, SignalInput, SignalSettings } from '../findings.js';
import { label, makeFinding } from './finding.js';

const HOUR_MS = 3_600_000;

/** The cooldown that applies and where it comes from: the strictest of the policy and the package managers' own age gates. */
export interface Cooldown {
  readonly hours: number;
  /** `policy`, or the file whose setting is the strictest. */
  readonly from: string;
  /** Every setting seen, as `source=hours h`, policy first. */
  readonly settings: readonly string[];
  /** The settings disagree: a package manager would install what the policy holds back, or the reverse. */
  readonly conflict: boolean;
}

export function effectiveCooldown(settings: SignalSettings): Cooldown {
  let hours = settings.minReleaseAgeHours;
  let from = 'policy';
  const seen = [`policy=${formatHours(settings.minReleaseAgeHours)}`];
  for (const gate of settings.packageManagerAgeGates) {
    seen.push(`${gate.file}=${formatHours(gate.hours)}`);
    if (gate.hours > hours) {
      hours = gate.hours;
      from = gate.file;
    }
  }
  const distinct = new Set([settings.minReleaseAgeHours, ...settings.packageManagerAgeGates.map((g) => g.hours)]);
  return { hours, from, settings: seen, conflict: distinct.size > 1 };
}

/**
 * A cooldown: most malicious releases are found and pulled within hours, so a version younger than the
 * effective cooldown is a finding. Versions without a known publish time are not judged here (the
 * verdict lists unavailable metadata).
 */
export const releaseAgeSignal: Signal = {
  id: 'release-age',
  evaluate(input: SignalInput): readonly Finding[] {
    const { change, metadata, settings, now } = input;
    if (change.to === undefined) return [];
    const publishedAt = metadata?.versions.get(change.to)?.publishedAt;
    if (!publishedAt) return [];
    const cooldown = effectiveCooldown(settings);
    if (cooldown.hours <= 0) return [];
    const ageHours = (now.getTime() - publishedAt.getTime()) / HOUR_MS;
    if (ageHours >= cooldown.hours) return [];
    const age = Math.max(0, Math.floor(ageHours * 10) / 10);
    return [
      makeFinding('release-age', 'moderate', change, `${label(change)} was published ${formatHours(age)} ago, within the ${formatHours(cooldown.hours)} cooldown`, [], {
        publishedAt: publishedAt.toISOString(),
        ageHours: age,
        cooldownHours: cooldown.hours,
        effectiveSetting: cooldown.from,
        settings: cooldown.settings,
        conflict: cooldown.conflict,
      }),
    ];
  },
};

function formatHours(hours: number): string {
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)}h`;
}
