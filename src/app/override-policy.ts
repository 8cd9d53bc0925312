import type { OverrideRecord } from '../core/ports.js';
import { SIGNAL_IDS, type PolicyDocument, type PolicySource } from '../core/policy/index.js';

/** The name the overrides' layer carries in error messages and in the verdict's policy files. */
export const OVERRIDE_POLICY_FILE = 'pull request overrides';
/** An override lasts as long as its pull request; exceptions need an expiry all the same. */
const NO_EXPIRY = '9999-12-31';

/**
 * The maintainers' overrides of one pull request as a policy layer on top of
 * the base policy: each allows every finding of exactly that package@version,
 * and the verdict shows who allowed it and why. Unused ones are reported as
 * the policy reports any unused exception.
 * @returns undefined when there is none
 */
export function overridePolicyLayer(overrides: readonly OverrideRecord[]): PolicySource | undefined {
  if (overrides.length === 0) return undefined;
  const document: PolicyDocument = {
    version: 1,
    exceptions: overrides.map((o) => ({
      id: `pr-override-${o.commentId}`,
      package: o.packageName,
      version: o.version,
      signal: [...SIGNAL_IDS],
      reason: `allowed by @${o.actor}: ${o.reason}`,
      owner: `@${o.actor}`,
      expires: NO_EXPIRY,
    })),
  };
  // YAML is a superset of JSON: untrusted reasons need no YAML quoting of their own.
  return { file: OVERRIDE_POLICY_FILE, content: JSON.stringify(document, null, 2) };
}
