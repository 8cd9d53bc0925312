import { ConfigError } from '../errors.js';

/**
 * Reads a shipped popular-names file (data/popular-npm.json: `{ ecosystem, names: [...] }`) into the
 * map {@link SignalSettings.popularPackages} expects. Pure: the caller reads the file.
 * @throws {ConfigError} MALFORMED when the content is not such a file.
 */
export function parsePopularNames(file: string, content: string): ReadonlyMap<string, readonly string[]> {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (cause) {
    throw new ConfigError('MALFORMED', file, 'not valid JSON', { cause });
  }
  const { ecosystem, names } = (typeof data === 'object' && data !== null ? data : {}) as { ecosystem?: unknown; names?: unknown };
  if (typeof ecosystem !== 'string' || !Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    throw new ConfigError('MALFORMED', file, 'expected { "ecosystem": string, "names": string[] }');
  }
  return new Map([[ecosystem, names as string[]]]);
}
