import { AGE_GATE_READERS, readAgeGates } from '../core/config/age-gates.js';
import type { SignalSettings } from '../core/findings.js';
import type { Limits } from '../core/limits.js';
import type { RepoFiles } from '../core/ports.js';
import { decodeInput } from '../ecosystems/shared/text.js';

const MAX_SETTINGS_BYTES = 256 * 1024;

/** The package managers' minimum-release-age settings in a tree (base side), outside node_modules. */
export async function readTreeAgeGates(tree: RepoFiles | undefined, limits: Limits): Promise<SignalSettings['packageManagerAgeGates']> {
  if (!tree) return [];
  const paths = (await tree.listFiles()).filter((p) => AGE_GATE_READERS.has(p.slice(p.lastIndexOf('/') + 1)));
  const files: { path: string; content: string }[] = [];
  for (const path of paths.sort()) {
    const bytes = await tree.readFile(path, MAX_SETTINGS_BYTES);
    if (bytes) files.push({ path, content: decodeInput(bytes, path, limits) });
  }
  return readAgeGates(files);
}
