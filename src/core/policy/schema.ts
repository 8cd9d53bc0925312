import semver from 'semver';
import { z } from 'zod';
import type { ChangeType } from '../diff/change.js';
import type { Severity, UnavailableFacts } from '../facts.js';
import type { Outcome, SignalId } from '../findings.js';
import { isValidGlob } from './glob.js';

/**
 * The policy document (`policies/*.yml`, `.github/chaingate.yml`): the one
 * source of truth for its shape and its defaults. `policies/schema.json` is
 * generated from it (scripts/policy-schema.ts). Every object is strict:
 * an unknown key is an error, never ignored.
 */

export const SIGNAL_IDS = [
  'vulnerability',
  'malware',
  'install-scripts',
  'provenance',
  'release-age',
  'typosquat',
  'license',
  'source',
  'deprecated',
  'downgrade',
  'incomplete-lockfile',
] as const satisfies readonly SignalId[];

export const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'unknown'] as const satisfies readonly Severity[];
export const OUTCOMES = ['block', 'warn', 'allow'] as const satisfies readonly Outcome[];
export const CHANGE_TYPES = ['added', 'removed', 'upgraded', 'downgraded', 'changed'] as const satisfies readonly ChangeType[];
export const FACT_KINDS = ['advisories', 'malware', 'metadata', 'provenance'] as const satisfies readonly UnavailableFacts['kind'][];

// Compile-time checks that the lists above name every member of the contract types.
type Missing<Union, List extends readonly unknown[]> = Exclude<Union, List[number]>;
const everySignal: [Missing<SignalId, typeof SIGNAL_IDS>] extends [never] ? true : never = true;
const everySeverity: [Missing<Severity, typeof SEVERITIES>] extends [never] ? true : never = true;
const everyChange: [Missing<ChangeType, typeof CHANGE_TYPES>] extends [never] ? true : never = true;
const everyKind: [Missing<UnavailableFacts['kind'], typeof FACT_KINDS>] extends [never] ? true : never = true;
void [everySignal, everySeverity, everyChange, everyKind];

/** Names of the policies chaingate ships, usable in `extends`. */
export const BUILTIN_POLICY_NAMES = ['chaingate:default', 'chaingate:strict'] as const;
export type BuiltinPolicyName = (typeof BUILTIN_POLICY_NAMES)[number];

const MAX_LIST = 200;
const MAX_RULES = 500;
const MAX_EXCEPTIONS = 1000;

const outcome = z.enum(OUTCOMES).describe('block fails the check, warn reports without failing, allow accepts');
const severity = z.enum(SEVERITIES);
const signalId = z.enum(SIGNAL_IDS);
const identifier = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, { error: 'must be lower-case letters, digits, ".", "_" or "-" (at most 100), starting with a letter or digit' });

function oneOrMany<T extends z.ZodType>(item: T, what: string) {
  return z.union([item, z.array(item).min(1).max(MAX_LIST)], { error: `expected ${what} or a non-empty list of them` });
}

const glob = z
  .string()
  .regex(/^[A-Za-z0-9@/._~*?-]{1,214}$/, {
    error: 'is not a valid glob: use letters, digits, "@", "/", ".", "_", "~", "-" and the wildcards "*", "**", "?" (no spaces, brackets or braces)',
  })
  .refine(isValidGlob, { error: 'is not a valid glob: "***" or an empty segment ("//")' })
  .describe('glob: "*" matches within one "/" segment, "**" across segments, "?" one character');

const signals = z
  .union([z.literal('*'), signalId, z.array(signalId).min(1).max(SIGNAL_IDS.length)], {
    error: `expected "*", a signal (${SIGNAL_IDS.join(', ')}) or a list of signals`,
  })
  .describe('the signal(s) a rule applies to; "*" for every signal');

const evidenceValue = z.union([z.string().max(200), z.number(), z.boolean()], { error: 'expected a string, number or boolean' });

/** Conditions shared by tier definitions and rules; every condition given must hold. */
const conditionShape = {
  severity: oneOrMany(severity, 'a severity').optional().describe('the finding has one of these severities'),
  'min-severity': z
    .enum(['critical', 'high', 'moderate', 'low'])
    .optional()
    .describe('the finding is at least this severe (critical > high > moderate > low > unknown)'),
  direct: z.boolean().optional().describe('true: declared directly by a workspace; false: transitive only'),
  dev: z.boolean().optional().describe('true: reachable only through dev dependencies; false: in the runtime tree'),
  change: oneOrMany(z.enum(CHANGE_TYPES), 'a change type').optional().describe('how the package changed in the pull request'),
  ecosystem: oneOrMany(z.string().regex(/^[a-z0-9-]{1,32}$/, { error: 'must be a lower-case ecosystem key such as npm' }), 'an ecosystem')
    .optional()
    .describe('package URL type, e.g. npm'),
  package: oneOrMany(glob, 'a package glob').optional().describe('package name glob, e.g. "@types/*"'),
  workspace: oneOrMany(glob, 'a workspace glob').optional().describe('matches when any workspace that contains the package matches, e.g. "packages/*"'),
  evidence: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, { error: 'evidence keys are camelCase names such as unknown or changedFields' }), evidenceValue)
    .refine((record) => Object.keys(record).length <= 20, { error: 'at most 20 evidence conditions' })
    .optional()
    .describe('the finding\'s evidence has these values (a list value matches when it contains the value), e.g. { unknown: true } for a licence chaingate cannot recognise'),
};

const tierNumber = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'expected tier 1, 2 or 3' });

const tierDefinition = z.strictObject({
  tier: tierNumber,
  signal: signals.optional(),
  when: z.strictObject(conditionShape).optional(),
});

const rule = z.strictObject({
  id: identifier.describe('stable id, shown in the verdict as the rule that decided; a rule with a base rule\'s id replaces it'),
  signal: signals,
  when: z
    .strictObject({ ...conditionShape, tier: oneOrMany(tierNumber, 'a tier').optional().describe('risk tier computed from `tiers`') })
    .optional(),
  outcome,
});

const isoDate = z
  .string({ error: 'expected an ISO date (YYYY-MM-DD); quote it if needed' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected an ISO date (YYYY-MM-DD)' })
  .refine(isRealDate, { error: 'is not a calendar date' });

const exception = z
  .strictObject({
    id: identifier,
    ecosystem: z.string().regex(/^[a-z0-9-]{1,32}$/).optional(),
    package: glob.describe('package name or glob'),
    version: z
      .string()
      .max(200)
      .refine((range) => semver.validRange(range, { loose: true }) !== null, { error: 'is not a valid semver range' })
      .optional()
      .describe('semver range of the versions it covers; every version when absent'),
    signal: z.union([signalId, z.array(signalId).min(1)], { error: 'expected a signal or a list of signals' }).optional(),
    ids: z
      .array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, { error: 'expected an advisory id such as GHSA-xxxx-xxxx-xxxx or CVE-2024-1234' }))
      .min(1)
      .max(MAX_LIST)
      .optional()
      .describe('advisory ids or aliases (GHSA, CVE, MAL, OSV) it covers'),
    reason: z.string({ error: 'every exception needs a reason' }).trim().min(1, { error: 'every exception needs a reason' }).max(1000),
    owner: z.string({ error: 'every exception needs an owner' }).trim().min(1, { error: 'every exception needs an owner' }).max(200),
    expires: isoDate.describe('last day (UTC) the exception applies'),
  })
  .refine((e) => e.signal !== undefined || e.ids !== undefined, { error: 'an exception must name a signal or advisory ids (ids)' });

function isRealDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const signalDefaults = z
  .strictObject(Object.fromEntries(SIGNAL_IDS.map((id) => [id, outcome.default('warn')])) as Record<SignalId, z.ZodDefault<typeof outcome>>)
  .prefault({})
  .describe('outcome of a finding that no rule matches, per signal');

const unavailable = z
  .strictObject({
    advisories: outcome.default('block'),
    malware: outcome.default('block'),
    metadata: outcome.default('warn'),
    provenance: outcome.default('warn'),
  })
  .prefault({})
  .describe('outcome when a fact source could not answer: fail closed for advisories and malware, warn for the rest');

const settings = z
  .strictObject({
    'min-release-age-hours': z
      .number()
      .int()
      .min(0)
      .max(24 * 365)
      .default(0)
      .describe('cooldown: versions published less than this many hours ago are release-age findings; 0 turns it off'),
    'allowed-registries': z
      .array(z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$/, { error: 'expected a registry host name such as registry.npmjs.org' }))
      .max(MAX_LIST)
      .default(['registry.npmjs.org', 'registry.yarnpkg.com'])
      .describe('registry hosts packages may be resolved from'),
    licenses: z
      .strictObject({
        allow: z.array(z.string().min(1).max(200)).max(MAX_LIST).default([]).describe('SPDX ids or expressions; empty allows everything not denied'),
        deny: z.array(z.string().min(1).max(200)).max(MAX_LIST).default([]).describe('SPDX ids or expressions that are license findings'),
      })
      .prefault({}),
    'release-provenance': z
      .strictObject({
        require: z
          .boolean()
          .default(false)
          .describe('true: a release asset without valid provenance (a GitHub artifact attestation) fails the chaingate/release check; false: it is only reported'),
        builders: z
          .array(glob)
          .max(MAX_LIST)
          .default([])
          .describe(
            'signer workflows allowed to build release assets, as globs over the signing certificate\'s workflow without scheme and ref, e.g. github.com/acme/*/.github/workflows/release.yml; empty: any workflow of the release\'s own repository',
          ),
      })
      .prefault({})
      .describe('provenance of GitHub release assets (the App\'s release check)'),
  })
  .prefault({});

/** What chaingate may do about an exposure of an open incident (issue 11's action matrix). */
export const RESPONSE_ACTIONS = ['issue', 'comment', 'block-pull-requests', 'block-deployments', 'remediation-prs'] as const;
export const BLOCKING_ACTIONS = ['block-pull-requests', 'block-deployments'] as const;
/** GitHub's repository permission levels, highest first. */
export const PERMISSION_LEVELS = ['admin', 'maintain', 'write', 'triage', 'read'] as const;

const responseAction = z.enum(RESPONSE_ACTIONS, { error: `expected one of ${RESPONSE_ACTIONS.join(', ')}` });

const tierResponse = z
  .strictObject({
    automatic: z.array(responseAction).max(RESPONSE_ACTIONS.length).default([]).describe('actions taken as soon as an exposure of this tier is known'),
    approval: z.array(responseAction).max(RESPONSE_ACTIONS.length).default([]).describe('actions that wait for an approval (`/chaingate approve <incident> <action>`)'),
    overridable: z
      .array(z.enum(BLOCKING_ACTIONS, { error: `expected ${BLOCKING_ACTIONS.join(' or ')}` }))
      .max(BLOCKING_ACTIONS.length)
      .default([])
      .describe('automatic blocks an approver may lift for one pull request or deployment, with a recorded override'),
  })
  .superRefine((entry, ctx) => {
    const seen = new Set<string>();
    for (const [list, actions] of [['automatic', entry.automatic ?? []], ['approval', entry.approval ?? []]] as const) {
      actions.forEach((action, index) => {
        if (seen.has(action)) ctx.addIssue({ code: 'custom', message: `"${action}" is listed twice: an action is either automatic or waits for approval`, path: [list, index] });
        seen.add(action);
      });
    }
    (entry.overridable ?? []).forEach((action, index) => {
      if (!(entry.automatic ?? []).includes(action)) ctx.addIssue({ code: 'custom', message: `"${action}" can only be overridable when it is automatic`, path: ['overridable', index] });
    });
  });

const DEFAULT_RESPONSE = {
  'tier-1': { automatic: [...RESPONSE_ACTIONS], approval: [], overridable: ['block-deployments'] },
  'tier-2': { automatic: ['issue', 'comment', 'block-pull-requests'], approval: ['block-deployments', 'remediation-prs'], overridable: [] },
  'tier-3': { automatic: ['issue'], approval: [], overridable: [] },
} as const;

const responseTier = (tier: keyof typeof DEFAULT_RESPONSE) =>
  tierResponse.default(structuredClone(DEFAULT_RESPONSE[tier]) as unknown as z.output<typeof tierResponse>).describe(`what chaingate does about a ${tier} exposure; a layer that sets it replaces it whole`);

const response = z
  .strictObject({
    actions: z
      .strictObject({ 'tier-1': responseTier('tier-1'), 'tier-2': responseTier('tier-2'), 'tier-3': responseTier('tier-3') })
      .prefault({})
      .describe('the action matrix: per risk tier, which actions run automatically and which wait for approval'),
    approvals: z
      .strictObject({
        permissions: z
          .array(z.enum(PERMISSION_LEVELS, { error: `expected one of ${PERMISSION_LEVELS.join(', ')}` }))
          .min(1)
          .max(PERMISSION_LEVELS.length)
          .default(['admin', 'maintain'])
          .describe('repository permission levels whose holders may approve'),
        'two-approvers': z
          .array(tierNumber)
          .max(3)
          .default([1])
          .describe('tiers whose bypasses (approving a waiting action, overriding an automatic block) need two different approvers'),
      })
      .prefault({}),
  })
  .prefault({})
  .describe('advisory response: what chaingate does about the exposures of an open incident');

const remediation = z
  .strictObject({
    labels: z
      .array(z.string().min(1).max(50).regex(/^[^\u0000-\u001f,]+$/, { error: 'expected a label name without commas or control characters' }))
      .max(20)
      .default(['security', 'chaingate'])
      .describe('labels on the remediation pull requests chaingate opens (GitHub creates a label the repository lacks)'),
  })
  .prefault({})
  .describe('remediation pull requests (patch and revert)');

const DEFAULT_TIERS = [
  { tier: 1, signal: 'malware' },
  { tier: 1, when: { severity: 'critical', dev: false } },
  { tier: 2, when: { 'min-severity': 'high' } },
] as const;

/** The policy document: one layer as written, and (after merging layers) the resolved policy with defaults filled in. */
export const policyDocumentSchema = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema reference, for editors'),
    version: z.literal(1, { error: 'expected version: 1' }),
    extends: z
      .string()
      .regex(/^(chaingate:(default|strict)|(?!chaingate:)[^\s]{1,300})$/, {
        error: `expected ${BUILTIN_POLICY_NAMES.join(' or ')} or a path to a policy file`,
      })
      .optional()
      .describe('base policy: chaingate:default, chaingate:strict or a path relative to this file'),
    settings,
    tiers: z
      .array(tierDefinition)
      .max(MAX_LIST)
      .default(DEFAULT_TIERS.map((t) => structuredClone(t) as z.input<typeof tierDefinition>))
      .describe('risk tiers, first match wins; a finding no definition matches is tier 3'),
    rules: z.array(rule).max(MAX_RULES).default([]).describe('ordered rules, first match wins'),
    defaults: signalDefaults,
    unavailable,
    remediation,
    exceptions: z.array(exception).max(MAX_EXCEPTIONS).default([]),
    response,
  })
  .superRefine((doc, ctx) => {
    reportDuplicateIds(doc.rules ?? [], ['rules'], 'rule', ctx);
    reportDuplicateIds(doc.exceptions ?? [], ['exceptions'], 'exception', ctx);
  })
  .describe('chaingate policy');

function reportDuplicateIds(items: readonly { id: string }[], at: readonly PropertyKey[], what: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', message: `duplicate ${what} id "${item.id}"`, path: [...at, index, 'id'] });
    seen.add(item.id);
  });
}

/** A policy document as written (every section optional). */
export type PolicyDocument = z.input<typeof policyDocumentSchema>;
/** A policy document with the schema's defaults filled in. */
export type PolicyDocumentData = z.output<typeof policyDocumentSchema>;
export type RuleData = PolicyDocumentData['rules'][number];
export type ExceptionData = PolicyDocumentData['exceptions'][number];
export type TierDefinitionData = PolicyDocumentData['tiers'][number];
export type ResponseData = PolicyDocumentData['response'];
