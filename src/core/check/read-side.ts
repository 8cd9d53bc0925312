import type { DependencyGraph } from '../model.js';
import type { LockfileReader, ReadLockfile, ReadLockfilesOptions, RepoFiles } from '../ports.js';

// Apart from check-trees.ts so that reading lockfiles (sbom, diff) does not load the policy, signals and zod.

/** One side of a check: a tree, scanned for lockfiles, or one file of it that the user named. */
export interface CheckSide {
  readonly files: RepoFiles;
  /** Read only this file of the tree (a lockfile or SBOM) instead of scanning it. */
  readonly only?: string | undefined;
  /** The path that file is reported under (e.g. relative to the user's directory). */
  readonly reportAs?: string | undefined;
}

/** One side's lockfiles (or the one file the user named, reported under the name the user gave). */
export async function readSide(lockfiles: LockfileReader, side: CheckSide, options: Omit<ReadLockfilesOptions, 'only'>): Promise<ReadLockfile[]> {
  const read = await lockfiles.readLockfiles(side.files, { ...options, only: side.only });
  const reportAs = side.reportAs;
  return reportAs === undefined ? read : read.map((r) => ({ ...r, graph: { ...r.graph, path: reportAs } }));
}

/** Two single files are compared with each other whatever their names. */
export function alignSingleFiles(baseSide: CheckSide | undefined, headSide: CheckSide, base: DependencyGraph[], head: DependencyGraph[]): [DependencyGraph[], DependencyGraph[]] {
  const [baseGraph] = base;
  const [headGraph] = head;
  if (baseSide?.only !== undefined && headSide.only !== undefined && baseGraph && headGraph && baseGraph.path !== headGraph.path) {
    return [[{ ...baseGraph, path: headGraph.path }], [headGraph]];
  }
  return [base, head];
}
