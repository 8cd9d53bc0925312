import { type LicenseNode, parseSpdxExpression, SpdxSyntaxError } from '../spdx/expression.js';

export type LicenseJudgement =
  | { readonly status: 'ok' }
  | { readonly status: 'denied' | 'not-allowed'; readonly terms: readonly string[] }
  | { readonly status: 'unknown'; readonly reason: string };

interface Term {
  /** Lower case, `-only` dropped, `-or-later` turned into {@link orLater}. */
  readonly id: string;
  readonly family: string;
  readonly version: number[] | undefined;
  readonly orLater: boolean;
  readonly exception: string | undefined;
  readonly text: string;
}

/** SPDX's special values and npm's conventions that say nothing about the licence. */
const UNKNOWN = /^(?:NONE|NOASSERTION|UNKNOWN|SEE LICEN[CS]E IN .*|)$/i;

/**
 * Judges an SPDX expression against allow and deny lists: it passes when some choice its ORs allow
 * uses only licences that are allowed (any, when the allow list is empty) and not denied — deny wins
 * over allow. It is denied when every choice contains a denied licence. `GPL-2.0+` (`-or-later`) also
 * matches a later version in a list, and a list entry `GPL-2.0+` matches later versions; a licence
 * `WITH` an exception matches a list entry for the licence alone or for the same pair.
 */
export function judgeLicense(expression: string | undefined, lists: { readonly allow: readonly string[]; readonly deny: readonly string[] }): LicenseJudgement {
  if (expression === undefined || UNKNOWN.test(expression.trim())) return { status: 'unknown', reason: expression?.trim() ? expression.trim() : 'missing' };
  let tree: LicenseNode;
  try {
    tree = parseSpdxExpression(expression);
  } catch (error) {
    if (error instanceof SpdxSyntaxError) return { status: 'unknown', reason: `not an SPDX expression: ${error.message}` };
    throw error;
  }
  const allow = lists.allow.flatMap(listTerms);
  const deny = lists.deny.flatMap(listTerms);
  const denied = (t: Term): boolean => deny.some((entry) => matches(t, entry, false));
  const allowed = (t: Term): boolean => allow.length === 0 || allow.some((entry) => matches(t, entry, true));
  const acceptable = (node: LicenseNode): boolean => {
    if (node.kind === 'license') {
      const t = term(node);
      return !denied(t) && allowed(t);
    }
    return node.kind === 'or' ? acceptable(node.left) || acceptable(node.right) : acceptable(node.left) && acceptable(node.right);
  };
  if (acceptable(tree)) return { status: 'ok' };
  const leaves = licenseTerms(tree).map(term);
  const allDenied = (node: LicenseNode): boolean => {
    if (node.kind === 'license') return denied(term(node));
    return node.kind === 'or' ? allDenied(node.left) && allDenied(node.right) : allDenied(node.left) || allDenied(node.right);
  };
  if (allDenied(tree)) return { status: 'denied', terms: leaves.filter(denied).map((t) => t.text) };
  return { status: 'not-allowed', terms: leaves.filter((t) => denied(t) || !allowed(t)).map((t) => t.text) };
}

/** Every licence an entry of a list names (an entry may itself be an expression; all its licences count). Entries that do not parse match nothing. */
function listTerms(entry: string): Term[] {
  try {
    return licenseTerms(parseSpdxExpression(entry)).map(term);
  } catch {
    return [];
  }
}

function licenseTerms(node: LicenseNode): Extract<LicenseNode, { kind: 'license' }>[] {
  return node.kind === 'license' ? [node] : [...licenseTerms(node.left), ...licenseTerms(node.right)];
}

function term(node: Extract<LicenseNode, { kind: 'license' }>): Term {
  let id = node.id.toLowerCase();
  let orLater = node.orLater;
  if (id.endsWith('-or-later')) {
    id = id.slice(0, -'-or-later'.length);
    orLater = true;
  } else if (id.endsWith('-only')) {
    id = id.slice(0, -'-only'.length);
  }
  const versioned = /^(.*?)-(\d+(?:\.\d+)*)$/.exec(id);
  const text = `${node.id}${node.orLater ? '+' : ''}${node.exception ? ` WITH ${node.exception}` : ''}`;
  return {
    id,
    family: versioned ? versioned[1]! : id,
    version: versioned ? versioned[2]!.split('.').map(Number) : undefined,
    orLater,
    exception: node.exception?.toLowerCase(),
    text,
  };
}

/**
 * Does licence `t` match list entry `entry`? Same licence, or a later version where the entry says
 * `+`; for the allow list also where `t` says `+` and the entry is a later version (the user may pick it).
 */
function matches(t: Term, entry: Term, forAllow: boolean): boolean {
  if (entry.exception !== undefined && entry.exception !== t.exception) return false;
  if (t.id === entry.id) return true;
  if (t.family !== entry.family || !t.version || !entry.version) return false;
  if (entry.orLater && compare(t.version, entry.version) >= 0) return true;
  return forAllow && t.orLater && compare(entry.version, t.version) >= 0;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
