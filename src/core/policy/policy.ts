import type { ChangeType } from '../diff/change.js';
import type { Severity, UnavailableFacts } from '../facts.js';
import type { Outcome, SignalId } from '../findings.js';
import type { BLOCKING_ACTIONS, ExceptionData, PERMISSION_LEVELS, PolicyDocumentData, RESPONSE_ACTIONS, ResponseData, RuleData, TierDefinitionData } from './schema.js';

/** The resolved policy every shell judges with: all layers merged, the schema's defaults filled in. */

export type Tier = 1 | 2 | 3;

/** Conditions of a rule or tier definition; absent means "any". All present conditions must hold. */
export interface PolicyConditions {
  readonly severity?: readonly Severity[] | undefined;
  readonly minSeverity?: Exclude<Severity, 'unknown'> | undefined;
  readonly direct?: boolean | undefined;
  readonly dev?: boolean | undefined;
  readonly change?: readonly ChangeType[] | undefined;
  readonly ecosystem?: readonly string[] | undefined;
  /** Package name globs. */
  readonly package?: readonly string[] | undefined;
  /** Workspace folder globs; any of the change's workspaces may match. */
  readonly workspace?: readonly string[] | undefined;
  /** Evidence values the finding must have; a list in the evidence matches when it contains the value. */
  readonly evidence?: Readonly<Record<string, string | number | boolean>> | undefined;
  /** Rules only: the finding's tier. */
  readonly tier?: readonly Tier[] | undefined;
}

export interface TierDefinition {
  readonly tier: Tier;
  readonly signals: readonly SignalId[] | '*';
  readonly when: PolicyConditions;
}

export interface PolicyRule {
  readonly id: string;
  readonly signals: readonly SignalId[] | '*';
  readonly when: PolicyConditions;
  readonly outcome: Outcome;
  /** The policy file that declared it. */
  readonly file: string;
}

export interface PolicyException {
  readonly id: string;
  readonly ecosystem?: string | undefined;
  /** Package name glob. */
  readonly package: string;
  /** Semver range; every version when absent. */
  readonly version?: string | undefined;
  readonly signals?: readonly SignalId[] | undefined;
  /** Advisory ids or aliases, matched case-insensitively against a finding's ids. */
  readonly ids?: readonly string[] | undefined;
  readonly reason: string;
  readonly owner: string;
  /** Last day (UTC, YYYY-MM-DD) on which it applies. */
  readonly expires: string;
  readonly file: string;
}

export interface PolicySettings {
  readonly minReleaseAgeHours: number;
  readonly allowedRegistries: readonly string[];
  readonly licenses: { readonly allow: readonly string[]; readonly deny: readonly string[] };
  /** Release assets: is valid provenance required, and which signer workflows (globs) may build them (empty: the release's own repository). */
  readonly releaseProvenance: { readonly require: boolean; readonly builders: readonly string[] };
}

export type ResponseAction = (typeof RESPONSE_ACTIONS)[number];
export type BlockingAction = (typeof BLOCKING_ACTIONS)[number];
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

/** One row of the action matrix. */
export interface TierResponse {
  readonly automatic: readonly ResponseAction[];
  readonly approval: readonly ResponseAction[];
  readonly overridable: readonly BlockingAction[];
}

/** What chaingate does about the exposures of an open incident, per tier, and who may approve. */
export interface ResponsePolicy {
  readonly actions: Readonly<Record<Tier, TierResponse>>;
  readonly approvals: {
    readonly permissions: readonly PermissionLevel[];
    /** Tiers whose bypasses need two different approvers. */
    readonly twoApprovers: readonly Tier[];
  };
}

export interface Policy {
  /** The files merged, least specific first (`policies/default.yml`, …, `.github/chaingate.yml`). */
  readonly files: readonly string[];
  readonly settings: PolicySettings;
  readonly tiers: readonly TierDefinition[];
  /** Most specific layer's rules first; the first rule that matches a finding decides. */
  readonly rules: readonly PolicyRule[];
  /** Outcome of a finding no rule matches. */
  readonly defaults: Readonly<Record<SignalId, Outcome>>;
  /** Outcome when a fact source could not answer. */
  readonly unavailable: Readonly<Record<UnavailableFacts['kind'], Outcome>>;
  readonly exceptions: readonly PolicyException[];
  readonly response: ResponsePolicy;
  /** Remediation pull requests: the labels they get. */
  readonly remediation: { readonly labels: readonly string[] };
}

/** Turns a merged document (schema output) into the domain type; `ruleFiles`/`exceptionFiles` run parallel to its lists. */
export function compilePolicy(data: PolicyDocumentData, files: readonly string[], ruleFiles: readonly string[], exceptionFiles: readonly string[]): Policy {
  return {
    files,
    settings: {
      minReleaseAgeHours: data.settings['min-release-age-hours'],
      allowedRegistries: data.settings['allowed-registries'],
      licenses: { allow: data.settings.licenses.allow, deny: data.settings.licenses.deny },
      releaseProvenance: { require: data.settings['release-provenance'].require, builders: data.settings['release-provenance'].builders },
    },
    tiers: data.tiers.map(compileTier),
    rules: data.rules.map((rule, index) => compileRule(rule, ruleFiles[index] ?? '')),
    defaults: data.defaults,
    unavailable: data.unavailable,
    exceptions: data.exceptions.map((exception, index) => compileException(exception, exceptionFiles[index] ?? '')),
    remediation: { labels: data.remediation.labels },
    response: compileResponse(data.response),
  };
}

function compileResponse(data: ResponseData): ResponsePolicy {
  const { actions, approvals } = data;
  return {
    actions: { 1: actions['tier-1'], 2: actions['tier-2'], 3: actions['tier-3'] },
    approvals: { permissions: approvals.permissions, twoApprovers: approvals['two-approvers'] },
  };
}

function compileTier(definition: TierDefinitionData): TierDefinition {
  return { tier: definition.tier, signals: signalList(definition.signal), when: compileConditions(definition.when ?? {}) };
}

function compileRule(rule: RuleData, file: string): PolicyRule {
  const when = rule.when ?? {};
  return { id: rule.id, signals: signalList(rule.signal), when: { ...compileConditions(when), tier: list(when.tier) }, outcome: rule.outcome, file };
}

type ConditionData = NonNullable<TierDefinitionData['when']>;

function compileConditions(when: ConditionData): PolicyConditions {
  return {
    severity: list(when.severity),
    minSeverity: when['min-severity'],
    direct: when.direct,
    dev: when.dev,
    change: list(when.change),
    ecosystem: list(when.ecosystem),
    package: list(when.package),
    workspace: list(when.workspace),
    evidence: when.evidence,
  };
}

function compileException(exception: ExceptionData, file: string): PolicyException {
  return {
    id: exception.id,
    ecosystem: exception.ecosystem,
    package: exception.package,
    version: exception.version,
    signals: list(exception.signal),
    ids: exception.ids,
    reason: exception.reason,
    owner: exception.owner,
    expires: exception.expires,
    file,
  };
}

function signalList(signal: SignalId | readonly SignalId[] | '*' | undefined): readonly SignalId[] | '*' {
  return signal === undefined || signal === '*' ? '*' : list(signal) ?? '*';
}

function list<T>(value: T | readonly T[] | undefined): readonly T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/** A policy file's text and the name errors show for it. */
export interface PolicySource {
  /** Path in the repository (`.github/chaingate.yml`), or the built-in file (`policies/default.yml`). */
  readonly file: string;
  readonly content: string;
  /**
   * Which tree the file was read from (e.g. `base`, `organisation`, `disk`),
   * when layers come from several: an `extends` path names a file of the
   * same place as the file that names it, never a same-named file of another.
   */
  readonly place?: string | undefined;
}
