import { readBunfig } from './bunfig.js';
import { type AgeGate, readNpmrc } from './npmrc.js';
import { readPnpmWorkspace } from './pnpm-workspace.js';
import { readYarnrc } from './yarnrc.js';

export type { AgeGate } from './npmrc.js';

/** Settings file name → its reader. A new package manager is one reader and one line here. */
export const AGE_GATE_READERS: ReadonlyMap<string, (file: string, content: string) => AgeGate[]> = new Map([
  ['.npmrc', readNpmrc],
  ['pnpm-workspace.yaml', readPnpmWorkspace],
  ['.yarnrc.yml', readYarnrc],
  ['bunfig.toml', readBunfig],
]);

/**
 * The package managers' own minimum-release-age settings found in a repository's files, in hours,
 * in the order the files are given. Files of other names are ignored, so callers may pass any listing.
 * @throws {ConfigError} naming the file (and line) for a settings file that cannot be read.
 */
export function readAgeGates(files: readonly { readonly path: string; readonly content: string }[]): AgeGate[] {
  const gates: AgeGate[] = [];
  for (const { path, content } of files) {
    const reader = AGE_GATE_READERS.get(path.slice(path.lastIndexOf('/') + 1));
    if (reader) gates.push(...reader(path, content));
  }
  return gates;
}
