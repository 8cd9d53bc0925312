import { stringify } from 'yaml';
import { ConfigError } from '../core/errors.js';
import type { PolicyDocument, PolicySource } from '../core/policy/index.js';

export const SEVERITY_THRESHOLDS = ['low', 'moderate', 'high', 'critical'] as const;
export type SeverityThreshold = (typeof SEVERITY_THRESHOLDS)[number];
export type FailOnScope = 'runtime' | 'development' | 'unknown';

/** dependency-review-action's options, as the Action's inputs (or its config file) give them. */
export interface ReviewInputs {
  readonly failOnSeverity?: SeverityThreshold | undefined;
  readonly failOnScopes?: readonly FailOnScope[] | undefined;
  readonly allowLicenses?: readonly string[] | undefined;
  readonly denyLicenses?: readonly string[] | undefined;
  readonly allowGhsas?: readonly string[] | undefined;
  /** Package URLs whose licence findings are accepted (`pkg:npm/%40scope/name`; a version is ignored). */
  readonly allowDependenciesLicenses?: readonly string[] | undefined;
}

/** The name the generated layer carries in error messages and in the verdict's policy files. */
export const INPUT_POLICY_FILE = 'workflow inputs';
/** Exceptions need an expiry; an input has none, so it applies until the workflow changes. */
const NO_EXPIRY = '9999-12-31';

type Rule = NonNullable<PolicyDocument['rules']>[number];

/**
 * The dependency-review-style inputs as a policy layer (a YAML document),
 * stacked above the repository's policy with resolvePolicy, so every input
 * is judged by the same engine as a written policy:
 *
 * - `fail-on-severity: X` blocks vulnerabilities of severity X or worse in
 *   the failing scopes and only warns about milder ones;
 * - `fail-on-scopes` picks those scopes (`runtime` = not dev-only,
 *   `development` = dev-only; `unknown` cannot occur: every package's scope
 *   is known from the lockfile) — `runtime` when only a severity is given,
 *   as in dependency-review-action; vulnerabilities in other scopes warn;
 * - `allow-licenses` / `deny-licenses` become `settings.licenses` and a
 *   licence finding (other than an unreadable licence) blocks, as it fails
 *   dependency-review-action;
 * - `allow-dependencies-licenses` allows licence findings of those packages;
 * - `allow-ghsas` becomes an exception for those advisory ids.
 *
 * @returns undefined when no such input is set
 * @throws {ConfigError} INVALID_VALUE for both licence lists at once or a malformed package URL
 */
export function policyLayerFromInputs(inputs: ReviewInputs): PolicySource | undefined {
  const rules: Rule[] = [];
  const document: PolicyDocument = { version: 1 };
  const scopes = inputs.failOnScopes;
  if (inputs.failOnSeverity) {
    const failing = scopes ?? ['runtime'];
    const dev = devCondition(failing);
    rules.push({ id: 'inputs-fail-on-severity', signal: 'vulnerability', when: { 'min-severity': inputs.failOnSeverity, ...dev }, outcome: 'block' });
    const milder = SEVERITY_THRESHOLDS.slice(0, SEVERITY_THRESHOLDS.indexOf(inputs.failOnSeverity));
    if (milder.length > 0) rules.push({ id: 'inputs-below-fail-on-severity', signal: 'vulnerability', when: { severity: [...milder] }, outcome: 'warn' });
  }
  if (inputs.failOnSeverity || scopes) {
    const excluded = excludedDev(scopes ?? ['runtime']);
    if (excluded !== undefined) rules.push({ id: 'inputs-fail-on-scopes', signal: 'vulnerability', when: { dev: excluded }, outcome: 'warn' });
  }
  if (inputs.allowLicenses && inputs.denyLicenses) {
    throw new ConfigError('INVALID_VALUE', INPUT_POLICY_FILE, 'allow-licenses and deny-licenses cannot both be set: use one of them');
  }
  if (inputs.allowDependenciesLicenses) {
    for (const [ecosystem, names] of groupPurls(inputs.allowDependenciesLicenses)) {
      rules.push({ id: `inputs-allow-dependencies-licenses-${ecosystem}`, signal: 'license', when: { ecosystem, package: names }, outcome: 'allow' });
    }
  }
  if (inputs.allowLicenses || inputs.denyLicenses) {
    document.settings = { licenses: { allow: [...(inputs.allowLicenses ?? [])], deny: [...(inputs.denyLicenses ?? [])] } };
    rules.push({ id: 'inputs-licenses', signal: 'license', when: { evidence: { unknown: false } }, outcome: 'block' });
  }
  if (inputs.allowGhsas) {
    document.exceptions = [
      { id: 'inputs-allow-ghsas', package: '**', ids: [...inputs.allowGhsas], reason: 'listed in the allow-ghsas input of the workflow', owner: 'workflow', expires: NO_EXPIRY },
    ];
  }
  if (rules.length > 0) document.rules = rules;
  if (Object.keys(document).length === 1) return undefined;
  return { file: INPUT_POLICY_FILE, content: stringify(document) };
}

/** The `dev` condition for findings in the failing scopes; none when both scopes fail. */
function devCondition(scopes: readonly FailOnScope[]): { dev?: boolean } {
  const runtime = scopes.includes('runtime');
  const development = scopes.includes('development');
  if (runtime && development) return {};
  if (development) return { dev: true };
  return { dev: false };
}

/** The `dev` value of the scope that does not fail, if one does not. */
function excludedDev(scopes: readonly FailOnScope[]): boolean | undefined {
  const runtime = scopes.includes('runtime');
  const development = scopes.includes('development');
  if (runtime && development) return undefined;
  return runtime ? true : development ? false : undefined;
}

/** `pkg:npm/%40scope/name@1.0.0` → npm: @scope/name. Versions and qualifiers are ignored. */
function groupPurls(purls: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const purl of purls) {
    const match = /^pkg:([a-z0-9.+-]{1,32})\/([^@?#]+)(?:@[^?#]*)?(?:\?[^#]*)?(?:#.*)?$/iu.exec(purl);
    if (!match) throw new ConfigError('INVALID_VALUE', INPUT_POLICY_FILE, `allow-dependencies-licenses: ${JSON.stringify(purl.slice(0, 100))} is not a package URL such as pkg:npm/lodash`);
    let name: string;
    try {
      name = match[2]!.split('/').map(decodeURIComponent).join('/');
    } catch {
      throw new ConfigError('INVALID_VALUE', INPUT_POLICY_FILE, `allow-dependencies-licenses: ${JSON.stringify(purl.slice(0, 100))} has a malformed percent-encoding`);
    }
    const ecosystem = match[1]!.toLowerCase();
    const names = groups.get(ecosystem) ?? [];
    if (!names.includes(name)) names.push(name);
    groups.set(ecosystem, names);
  }
  return groups;
}
