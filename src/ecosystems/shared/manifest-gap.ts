import type { GraphBuilder } from '../../core/graph/builder.js';
import { quote } from './names.js';

/** A dependency as a workspace's package.json declares it. */
export interface DeclaredDependency {
  readonly name: string;
  readonly spec: string;
  /** The group it is declared in (`dependencies`, `devDependencies`, …), where the caller knows it. */
  readonly field?: string | undefined;
}

/**
 * Records a MISSING_FROM_LOCKFILE warning: a workspace's package.json declares
 * a dependency the lockfile does not record for it — the manifest was edited
 * after the last install. One message shape for every lockfile family.
 * @param install the command that writes the lockfile whole again (`npm install`)
 * @param entry the lockfile entry that should have recorded it, where that is not the workspace itself
 */
export function warnUnrecorded(builder: GraphBuilder, workspace: string, dependency: DeclaredDependency, install: string, entry?: string): void {
  const reference = `${dependency.name}@${dependency.spec}`;
  const manifest = workspace === '.' ? 'package.json' : `${workspace}/package.json`;
  const group = dependency.field === undefined ? '' : ` in ${dependency.field}`;
  const whose = entry === undefined ? '' : ` for ${quote(entry)}`;
  builder.addWarning('MISSING_FROM_LOCKFILE', workspace, reference, `${manifest} declares ${quote(reference)}${group}, which the lockfile does not record${whose} (run ${install})`);
}
