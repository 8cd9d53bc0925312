import type { AgeGate } from '../config/npmrc.js';
import type { SignalSettings } from '../findings.js';
import type { UnavailableFacts } from '../facts.js';
import type { Limits } from '../limits.js';
import type { DependencyGraph } from '../model.js';
import { readPolicy, type PolicyLayers } from '../policy/read-policy.js';
import { signalSettingsFrom } from '../policy/signal-settings.js';
import type { LockfileReader, ProgressListener, RepoFiles } from '../ports.js';
import type { LockfileLines } from '../report/lockfile-lines.js';
import type { FactSources } from './gather-facts.js';
import { alignSingleFiles, type CheckSide, readSide } from './read-side.js';
import { type CheckResult, runCheck } from './run-check.js';

/** The fact sources, and what the shell already knows is missing (offline with no advisory data). */
export interface FactSet {
  readonly sources: FactSources;
  readonly unavailable?: readonly UnavailableFacts[] | undefined;
}

export interface CheckTreesInput {
  /** Absent: everything in the head is new (a scan of one ref). */
  readonly base?: CheckSide | undefined;
  readonly head: CheckSide;
  /** Where the package managers' age gates are read: the base tree (the scanned ref when there is no base); absent: none. */
  readonly settingsTree?: RepoFiles | undefined;
  /** The policy layers, each read from a trusted tree (never the head). */
  readonly policy: PolicyLayers;
  /** The lockfile families (src/ecosystems' `ecosystemReader`). */
  readonly lockfiles: LockfileReader;
  /** Built after the policy is known to be valid, so a policy error is reported before any network or indexing. */
  readonly facts: () => Promise<FactSet>;
  /** Names typosquats imitate, per ecosystem. */
  readonly popularPackages: SignalSettings['popularPackages'];
  readonly limits: Limits;
  /** Lockfile paths a scan leaves out. */
  readonly exclude?: ((path: string) => boolean) | undefined;
  readonly now: Date;
  readonly onProgress?: ProgressListener | undefined;
}

export interface CheckTreesResult extends CheckResult {
  readonly baseGraphs: readonly DependencyGraph[];
  readonly headGraphs: readonly DependencyGraph[];
  /** Each head package's line in its lockfile, from the text read for the check. */
  readonly lines: LockfileLines;
  /** The policy files that were read, least specific first. */
  readonly policyFiles: readonly string[];
  readonly ageGates: readonly AgeGate[];
}

/**
 * The one check seam every shell calls (CLI, Action, App, bench): read the
 * policy from its trusted layers, read base and head lockfiles, the base's
 * package-manager settings, gather facts and judge. Core never imports an
 * ecosystem or an adapter: the shell hands in the trees, the lockfile reader
 * and the fact sources.
 * @throws {ConfigError} for a policy or setting that cannot be used; {@link ParseError} for a lockfile that cannot be read
 */
export async function checkTrees(input: CheckTreesInput): Promise<CheckTreesResult> {
  const { policy, files: policyFiles } = await readPolicy(input.policy);
  const ageGates = input.settingsTree ? await input.lockfiles.readAgeGates(input.settingsTree, input.limits) : [];
  const settings = signalSettingsFrom(policy, ageGates, input.popularPackages);
  const read = { limits: input.limits, exclude: input.exclude, onProgress: input.onProgress };
  const base = input.base ? await readSide(input.lockfiles, input.base, read) : [];
  const head = await readSide(input.lockfiles, input.head, { ...read, lines: true });
  const [baseGraphs, headGraphs] = alignSingleFiles(input.base, input.head, base.map((r) => r.graph), head.map((r) => r.graph));
  const facts = await input.facts();
  const result = await runCheck({ base: baseGraphs, head: headGraphs, policy, settings, sources: facts.sources, unavailable: facts.unavailable, now: input.now });
  const lines = new Map(head.map((r) => [r.graph.path, r.lines] as const));
  return { ...result, baseGraphs, headGraphs, lines, policyFiles, ageGates };
}
