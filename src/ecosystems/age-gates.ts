import type { AgeGate } from '../core/config/npmrc.js';
import type { Limits } from '../core/limits.js';
import type { RepoFiles } from '../core/ports.js';
import { readText } from '../core/read-text.js';
import { ageGateFiles } from './api.js';

const MAX_SETTINGS_BYTES = 256 * 1024;

/**
 * The package managers' own minimum-release-age settings found in a repository's files, in hours,
 * in the order the files are given. Files of other names are ignored, so callers may pass any listing.
 * @throws {ConfigError} naming the file (and line) for a settings file that cannot be read.
 */
export async function readAgeGates(files: readonly { readonly path: string; readonly content: string }[]): Promise<AgeGate[]> {
  const gates: AgeGate[] = [];
  for (const { path, content } of files) {
    const gate = ageGateFiles.get(baseName(path));
    if (gate) gates.push(...(await gate.read(path, content)));
  }
  return gates;
}

/** The age gates of every settings file in a tree (read from the base side), `node_modules` excluded, sorted by path. */
export async function readTreeAgeGates(tree: RepoFiles, limits: Limits): Promise<AgeGate[]> {
  const paths = (await tree.listFiles()).filter((p) => ageGateFiles.has(baseName(p))).sort();
  const files: { path: string; content: string }[] = [];
  for (const path of paths) {
    const content = await readText(tree, path, Math.min(MAX_SETTINGS_BYTES, limits.maxBytes));
    if (content !== undefined) files.push({ path, content });
  }
  return readAgeGates(files);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
