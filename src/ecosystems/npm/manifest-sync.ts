import type { GraphBuilder } from '../../core/graph/builder.js';
import { isRecord } from '../shared/text.js';
import { warnUnrecorded } from '../shared/manifest-gap.js';

const GROUPS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;
// Optional dependencies and peers may rightly be missing from a lock (another platform, legacy-peer-deps).
const REQUIRED_GROUPS = ['dependencies', 'devDependencies'] as const;

/**
 * Records a MISSING_FROM_LOCKFILE warning for each dependency the root
 * `package.json` declares that the lockfile does not record (`isRecorded`
 * says whether it does): a manifest edited after the last install. A group
 * that is not an object is skipped: the manifest is not the file under review.
 */
export function warnMissingFromLockfile(
  builder: GraphBuilder,
  manifest: Record<string, unknown>,
  isRecorded: (name: string) => boolean,
): void {
  for (const field of REQUIRED_GROUPS) {
    const group = manifest[field];
    if (!isRecord(group)) continue;
    for (const name in group) {
      if (isRecorded(name) || isOptional(manifest, name)) continue;
      const spec = group[name];
      warnUnrecorded(builder, '.', { name, spec: typeof spec === 'string' ? spec : '*', field }, 'npm install');
    }
  }
}

/** npm lets optionalDependencies override a same-named entry of dependencies. */
function isOptional(manifest: Record<string, unknown>, name: string): boolean {
  const optional = manifest.optionalDependencies;
  return isRecord(optional) && name in optional;
}

/** Whether an entry (the root entry of a v2/v3 lock) declares `name` in any dependency group. */
export function declaresName(entry: Record<string, unknown>, name: string): boolean {
  return GROUPS.some((field) => {
    const group = entry[field];
    return isRecord(group) && Object.hasOwn(group, name);
  });
}
