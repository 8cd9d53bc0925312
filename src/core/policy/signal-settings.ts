import type { SignalSettings } from '../findings.js';
import type { Policy } from './policy.js';

/**
 * The settings signals read, from a resolved policy plus what the caller
 * gathered from the repository and chaingate's data.
 *
 * @param ageGates package-manager age gates found in the repository (`.npmrc` `min-release-age`, pnpm `minimumReleaseAge`…), in hours
 * @param popularPackages names typosquats imitate, per ecosystem (shipped as data; the caller loads it)
 */
export function signalSettingsFrom(
  policy: Policy,
  ageGates: SignalSettings['packageManagerAgeGates'],
  popularPackages: SignalSettings['popularPackages'],
): SignalSettings {
  return {
    minReleaseAgeHours: policy.settings.minReleaseAgeHours,
    packageManagerAgeGates: ageGates,
    allowedRegistries: policy.settings.allowedRegistries,
    licenses: policy.settings.licenses,
    popularPackages,
  };
}
