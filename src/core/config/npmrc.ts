import { ConfigError } from '../errors.js';
import { assertSize, parseAmount } from './limits.js';

/** One age gate a settings file declares, in hours. */
export interface AgeGate {
  readonly file: string;
  /** The setting that declares it, e.g. `min-release-age`. */
  readonly key: string;
  readonly hours: number;
}

/**
 * `.npmrc` (ini: `key=value`, `;`/`#` comments):
 * - npm ≥ 11.10 `min-release-age`, in **days** — https://docs.npmjs.com/cli/v11/using-npm/config#min-release-age
 * - pnpm 10 `minimum-release-age`, in **minutes** (pnpm reads it from `.npmrc` as well as from
 *   pnpm-workspace.yaml) — https://pnpm.io/settings#minimumreleaseage
 * @throws {ConfigError} INVALID_VALUE for a value that is not a non-negative number, TOO_LARGE for a huge file.
 */
export function readNpmrc(file: string, content: string): AgeGate[] {
  assertSize(file, content);
  const gates: AgeGate[] = [];
  const lines = content.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#') || line.startsWith('[')) return;
    const eq = line.indexOf('=');
    if (eq < 0) return;
    const key = line.slice(0, eq).trim();
    const unit = UNITS[key];
    if (unit === undefined) return;
    const text = stripComment(line.slice(eq + 1));
    const amount = parseAmount(text);
    if (amount === undefined) {
      throw new ConfigError('INVALID_VALUE', file, `${key} must be a non-negative number (${unit.name}), not ${JSON.stringify(text.slice(0, 40))}`, { line: index + 1, column: eq + 2 });
    }
    gates.push({ file, key, hours: amount * unit.hours });
  });
  // The last assignment of a key wins, as in npm's ini reader.
  return [...new Map(gates.map((g) => [g.key, g])).values()];
}

const UNITS: Readonly<Record<string, { name: string; hours: number }>> = {
  'min-release-age': { name: 'days', hours: 24 },
  'minimum-release-age': { name: 'minutes', hours: 1 / 60 },
};

function stripComment(value: string): string {
  const trimmed = value.trim();
  if (/^["']/.test(trimmed)) return trimmed;
  return trimmed.replace(/\s[;#].*$/, '').trim();
}
