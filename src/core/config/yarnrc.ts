import { ConfigError } from '../errors.js';
import type { AgeGate } from './npmrc.js';
import { readYamlScalar } from './yaml-setting.js';

/** Yarn's duration units (a bare number is in the setting's unit: minutes). */
const UNIT_MINUTES: Readonly<Record<string, number>> = { ms: 1 / 60_000, s: 1 / 60, m: 1, h: 60, d: 1440, w: 10_080 };

/**
 * `.yarnrc.yml` `npmMinimalAgeGate` (Yarn ≥ 4.10): a duration setting whose unit is **minutes** —
 * a bare number (`1440`) is minutes, or a number with a unit (`3d`, `12h`, `90m`, `1w`).
 * https://yarnpkg.com/configuration/yarnrc#npmMinimalAgeGate
 * Per-scope gates (`npmScopes.<scope>.npmMinimalAgeGate`) are not read: they only loosen or tighten
 * the gate for one scope, which a single cooldown cannot express.
 * @throws {ConfigError} MALFORMED for broken YAML, INVALID_VALUE for a value that is not a duration.
 */
export function readYarnrc(file: string, content: string): AgeGate[] {
  const scalar = readYamlScalar(file, content, 'npmMinimalAgeGate');
  if (!scalar) return [];
  const minutes = toMinutes(scalar.value);
  if (minutes === undefined) {
    throw new ConfigError('INVALID_VALUE', file, `npmMinimalAgeGate must be minutes or a duration like 3d, not ${JSON.stringify(String(scalar.value)).slice(0, 40)}`, scalar);
  }
  return [{ file, key: 'npmMinimalAgeGate', hours: minutes / 60 }];
}

function toMinutes(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?$/.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MINUTES[match[2] ?? 'm']!;
}
