import { ConfigError } from '../errors.js';
import { parseAmount } from './limits.js';
import type { AgeGate } from './npmrc.js';
import { readYamlScalar } from './yaml-setting.js';

/**
 * `pnpm-workspace.yaml` top-level `minimumReleaseAge`, in **minutes** (pnpm ≥ 10.16; a root-level key,
 * not under `settings:`) — https://pnpm.io/settings#minimumreleaseage
 * pnpm 11 turns a one-day gate on by default; an absent key is read as "not set", since the pnpm
 * version is not known here.
 * @throws {ConfigError} MALFORMED for broken YAML, INVALID_VALUE for a value that is not a non-negative number.
 */
export function readPnpmWorkspace(file: string, content: string): AgeGate[] {
  const scalar = readYamlScalar(file, content, 'minimumReleaseAge');
  if (!scalar) return [];
  const minutes = typeof scalar.value === 'number' ? scalar.value : typeof scalar.value === 'string' ? parseAmount(scalar.value) : undefined;
  if (minutes === undefined || !Number.isFinite(minutes) || minutes < 0) {
    throw new ConfigError('INVALID_VALUE', file, `minimumReleaseAge must be a non-negative number of minutes, not ${JSON.stringify(String(scalar.value)).slice(0, 40)}`, scalar);
  }
  return [{ file, key: 'minimumReleaseAge', hours: minutes / 60 }];
}
