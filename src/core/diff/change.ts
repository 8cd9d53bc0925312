import type { DependencyPath, PackageNode } from '../model.js';

/**
 * - `added` / `removed`: a name at a version that only one side has;
 * - `upgraded` / `downgraded`: one version replaced by another of the same package;
 * - `changed`: the same name and version from a different artefact (integrity or source) — a tamper signal.
 */
export type ChangeType = 'added' | 'removed' | 'upgraded' | 'downgraded' | 'changed';

export interface Change {
  readonly type: ChangeType;
  readonly ecosystem: string;
  readonly name: string;
  /** Version on the base side; absent for `added`. */
  readonly from?: string | undefined;
  /** Version on the head side; absent for `removed`. */
  readonly to?: string | undefined;
  /** Lockfile that holds the package (head side, or base side for `removed`). */
  readonly lockfile: string;
  readonly purl: string;
  /** Declared directly by at least one workspace. */
  readonly direct: boolean;
  /** Workspaces whose dependency trees contain it, sorted. */
  readonly workspaces: readonly string[];
  /** Shortest paths that bring it in, one per workspace (at most a few). */
  readonly paths: readonly DependencyPath[];
  /** What differs, for `changed`: integrity, resolved and/or source. */
  readonly changedFields?: readonly ('integrity' | 'resolved' | 'source')[] | undefined;
  readonly dev: boolean;
  /** The package on the base side (absent for `added`); for signals, not serialised. */
  readonly baseNode?: PackageNode | undefined;
  /** The package on the head side (absent for `removed`); for signals, not serialised. */
  readonly headNode?: PackageNode | undefined;
}

export interface DiffSummary {
  readonly added: number;
  readonly removed: number;
  readonly upgraded: number;
  readonly downgraded: number;
  readonly changed: number;
  readonly direct: number;
  readonly transitive: number;
}

export interface DiffResult {
  readonly changes: readonly Change[];
  readonly summary: DiffSummary;
}
