import { runCheck } from '../core/check/run-check.js';
import type { FactSources } from '../core/check/gather-facts.js';
import type { UnavailableFacts } from '../core/facts.js';
import type { Verdict } from '../core/findings.js';
import type { Limits } from '../core/limits.js';
import type { DependencyGraph } from '../core/model.js';
import type { RepoFiles } from '../core/ports.js';
import { type Policy, signalSettingsFrom } from '../core/policy/index.js';
import type { LockfileLines } from '../core/report/lockfile-lines.js';
import { scanRepository } from '../ecosystems/scan.js';
import { readLockfileLines } from '../shell/lockfile-lines.js';
import { loadPopularPackages } from '../shell/popular-packages.js';
import { readTreeAgeGates } from '../shell/read-age-gates.js';

export interface JudgeInput {
  readonly base: RepoFiles;
  readonly head: RepoFiles;
  /** Resolved from the base (see readBasePolicy). */
  readonly policy: Policy;
  readonly sources: FactSources;
  readonly unavailable: readonly UnavailableFacts[];
  readonly limits: Limits;
  readonly now: Date;
}

export interface Judgement {
  readonly verdict: Verdict;
  readonly headGraphs: readonly DependencyGraph[];
  readonly changes: number;
  readonly lines: LockfileLines;
}

/**
 * The App's one call into the engine: both trees scanned, the base's age
 * gates and the policy's settings, the same runCheck the CLI and the Action
 * run. When the check seam (checkTrees over RepoFiles) lands, it replaces
 * the body of this function and nothing else in the App.
 */
export async function judgePullRequest(input: JudgeInput): Promise<Judgement> {
  const { limits } = input;
  const headGraphs = await scanRepository(input.head, { limits });
  const baseGraphs = await scanRepository(input.base, { limits });
  const settings = signalSettingsFrom(input.policy, await readTreeAgeGates(input.base, limits), loadPopularPackages());
  const { diff, verdict } = await runCheck({
    base: baseGraphs,
    head: headGraphs,
    policy: input.policy,
    settings,
    sources: input.sources,
    unavailable: [...input.unavailable],
    now: input.now,
  });
  const lines = await readLockfileLines({ graphs: headGraphs, files: input.head }, limits);
  return { verdict, headGraphs, changes: diff.changes.length, lines };
}
