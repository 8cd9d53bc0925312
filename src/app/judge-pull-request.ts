import { checkTrees, type FactSet } from '../core/check/check-trees.js';
import type { Verdict } from '../core/findings.js';
import type { Limits } from '../core/limits.js';
import type { DependencyGraph } from '../core/model.js';
import type { RepoFiles } from '../core/ports.js';
import type { PolicyLayers } from '../core/policy/read-policy.js';
import type { LockfileLines } from '../core/report/lockfile-lines.js';
import { loadPopularPackages } from '../adapters/popular-packages.js';
import { ecosystemReader } from '../ecosystems/reader.js';

export interface JudgeInput {
  readonly base: RepoFiles;
  readonly head: RepoFiles;
  /** Every layer read from the base or the organisation (see basePolicyLayers), never the head. */
  readonly policy: PolicyLayers;
  readonly facts: FactSet;
  readonly limits: Limits;
  readonly now: Date;
}

export interface Judgement {
  readonly verdict: Verdict;
  readonly headGraphs: readonly DependencyGraph[];
  readonly changes: number;
  readonly lines: LockfileLines;
}

/** The App's one call into the engine: the same check seam the CLI, the Action and the bench call. */
export async function judgePullRequest(input: JudgeInput): Promise<Judgement> {
  const result = await checkTrees({
    base: { files: input.base },
    head: { files: input.head },
    settingsTree: input.base,
    policy: input.policy,
    lockfiles: ecosystemReader,
    facts: async () => input.facts,
    popularPackages: loadPopularPackages(),
    limits: input.limits,
    now: input.now,
  });
  return { verdict: result.verdict, headGraphs: result.headGraphs, changes: result.diff.changes.length, lines: result.lines };
}
