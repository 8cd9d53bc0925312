import type { Change } from './diff/change.js';
import type { Advisory, PackageMetadata, ProvenanceVerdict, Severity, UnavailableFacts } from './facts.js';
import type { DependencyGraph } from './model.js';

/** Every kind of risk chaingate judges. One file per signal in src/core/signals/. */
export type SignalId =
  | 'vulnerability'
  | 'malware'
  | 'install-scripts'
  | 'provenance'
  | 'release-age'
  | 'typosquat'
  | 'license'
  | 'source'
  | 'deprecated'
  | 'downgrade'
  | 'incomplete-lockfile';

/** Evidence values are plain data so every report format can show them. */
export type EvidenceValue = string | number | boolean | readonly string[];

/** A risk a signal found in one package change. A result, not an error. */
export interface Finding {
  readonly signal: SignalId;
  readonly severity: Severity;
  /** The change the finding is about: package, versions, direct/transitive, dev, workspaces, paths, lockfile. */
  readonly change: Change;
  /** One line for people; contains untrusted text, so renderers escape it. */
  readonly title: string;
  /** Advisory ids (GHSA, CVE, MAL, OSV) or other stable identifiers of what was found. */
  readonly ids: readonly string[];
  readonly evidence: Readonly<Record<string, EvidenceValue>>;
}

export type Outcome = 'block' | 'warn' | 'allow';

/** A policy exception that applied to (or matched nothing in) a check. */
export interface AppliedException {
  readonly id: string;
  readonly reason: string;
  readonly owner: string;
  /** ISO date (YYYY-MM-DD). */
  readonly expires: string;
}

/** What the policy made of one finding. */
export interface Decision {
  readonly finding: Finding;
  readonly outcome: Outcome;
  /** Id of the rule that decided, or `exception:<id>` when an exception allowed it. */
  readonly rule: string;
  /** Risk tier from the policy: 1 critical and exploitable at runtime, 2 high and contained, 3 the rest. */
  readonly tier: 1 | 2 | 3;
  readonly exception?: AppliedException | undefined;
}

export type Conclusion = 'success' | 'neutral' | 'failure';

/** The judgement of a whole change set; every shell renders this and nothing else. */
export interface Verdict {
  readonly conclusion: Conclusion;
  readonly decisions: readonly Decision[];
  /** Fact sources that could not answer, and what the policy made of each. */
  readonly unavailable: readonly (UnavailableFacts & { readonly outcome: Outcome })[];
  readonly expiredExceptions: readonly AppliedException[];
  readonly unusedExceptions: readonly AppliedException[];
  readonly counts: { readonly block: number; readonly warn: number; readonly allow: number };
}

/** Settings signals read; the policy supplies them (see src/core/policy/). */
export interface SignalSettings {
  /** Cooldown: versions published less than this many hours ago are findings. 0 turns it off. */
  readonly minReleaseAgeHours: number;
  /** Package-manager age gates found in the repository (`.npmrc` min-release-age, pnpm `minimumReleaseAge`…), in hours. */
  readonly packageManagerAgeGates: readonly { readonly file: string; readonly hours: number }[];
  /** Registry hosts packages may come from (e.g. `registry.npmjs.org`). */
  readonly allowedRegistries: readonly string[];
  /** SPDX licence ids or expressions allowed / denied; empty allow list = everything not denied. */
  readonly licenses: { readonly allow: readonly string[]; readonly deny: readonly string[] };
  /** Names of popular packages typosquats imitate, per ecosystem. */
  readonly popularPackages: ReadonlyMap<string, readonly string[]>;
}

/** Everything a signal may read about one change. Signals are pure functions of this. */
export interface SignalInput {
  readonly change: Change;
  /** Advisories affecting the head version (all sources merged, deduplicated by id and alias). */
  readonly advisories: readonly Advisory[];
  readonly metadata?: PackageMetadata | undefined;
  readonly provenance?: ProvenanceVerdict | undefined;
  readonly settings: SignalSettings;
  readonly now: Date;
}

export interface Signal {
  readonly id: SignalId;
  /** Findings for one change; never called for `removed` changes, which never block. */
  evaluate(input: SignalInput): readonly Finding[];
  /** Findings about the head's lockfiles as a whole (gaps in them), once per check; most signals have none. */
  evaluateGraphs?(input: GraphSignalInput): readonly Finding[];
}

/** What a lockfile-level signal reads: both sides' graphs, as judged. */
export interface GraphSignalInput {
  readonly base: readonly DependencyGraph[];
  readonly head: readonly DependencyGraph[];
}
