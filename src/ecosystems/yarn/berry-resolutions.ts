import { parseResolution } from '@yarnpkg/parsers';
import semver from 'semver';
import type { BerryEntry, BerryIndex } from './berry-index.js';

/** One `resolutions` entry of the root package.json: `[parent[@version]/]name[@range]` → reference. */
export interface ResolutionRule {
  readonly parent?: { readonly name: string; readonly description?: string | undefined } | undefined;
  readonly name: string;
  readonly description?: string | undefined;
  readonly reference: string;
}

/**
 * How a yarn version compares a rule with a dependency. Yarn 2 and 3 compare
 * the strings as written (`mkdirp@0.5.5/minimist` never matches, since the
 * parent's reference is `npm:0.5.5`); yarn 4 normalises both sides first, so
 * `0.5.5`, `npm:0.5.5`, `^1.2.5` and `npm:^1.2.5` compare as yarn resolves them.
 */
export type MatchStyle = 'as-written' | 'normalised';

/** The package whose dependency is being resolved: its locator `name@reference`. */
export type Dependent = Pick<BerryEntry, 'name' | 'reference'>;

// Configuration.TAG_REGEXP in @yarnpkg/core: a dist-tag, which yarn sends to the default protocol.
const TAG = /^(?!v)[a-z0-9._-]+$/i;

/**
 * Reads the root's `resolutions` as yarn does (`Manifest.load`): entries
 * whose pattern does not parse (yarn 1's `**` globs, stray slashes) or whose
 * value is not a string are skipped, as yarn skips them with a warning.
 */
export function readResolutionRules(resolutions: ReadonlyMap<string, string>): ResolutionRule[] {
  const rules: ResolutionRule[] = [];
  for (const [pattern, reference] of resolutions) {
    let parsed: ReturnType<typeof parseResolution>;
    try {
      parsed = parseResolution(pattern);
    } catch {
      continue;
    }
    rules.push({
      parent: parsed.from && { name: parsed.from.fullName, description: parsed.from.description },
      name: parsed.descriptor.fullName,
      description: parsed.descriptor.description,
      reference,
    });
  }
  return rules;
}

/**
 * The range a dependency `alias: range` of `dependent` is resolved with once
 * the root's resolutions are applied (yarn's `reduceDependency` hook in
 * CorePlugin): the first rule that matches wins; undefined when none does.
 * The result is what yarn writes as the lockfile key, before it binds
 * relative `patch:`/`file:`/`portal:` paths to the root (see bindToRoot).
 */
export function applyResolutions(
  rules: readonly ResolutionRule[],
  style: MatchStyle,
  dependent: Dependent,
  alias: string,
  range: string,
): string | undefined {
  const normalise = style === 'normalised' ? normaliseRange : (r: string): string => r;
  for (const rule of rules) {
    if (rule.parent) {
      if (rule.parent.name !== dependent.name) continue;
      const wanted = rule.parent.description;
      if (wanted !== undefined && normalise(wanted) !== normalise(dependent.reference)) continue;
    }
    if (rule.name !== alias) continue;
    if (rule.description !== undefined && normalise(rule.description) !== normalise(range)) continue;
    return normalise(rule.reference);
  }
  return undefined;
}

/**
 * The range with yarn's default protocol in front when it has none and is a
 * semver range or a dist-tag (`^1.2.5` → `npm:^1.2.5`), as yarn 4's
 * `normalizeDependency` / `normalizeLocator` do.
 */
export function normaliseRange(range: string): string {
  if (range.includes(':')) return range;
  if (semver.validRange(range) !== null || TAG.test(range)) return `npm:${range}`;
  return range;
}

/**
 * A range bound to the package it is relative to, as yarn binds `patch:`,
 * `file:`, `portal:` and `link:` ranges with relative paths
 * (`structUtils.bindDescriptor`): `<range>::locator=<url-encoded locator>`.
 * Ranges that already carry parameters are left as they are.
 */
export function bindToLocator(range: string, locator: string): string {
  return range.includes('::') ? range : `${range}::locator=${encodeURIComponent(locator)}`;
}

/** Where a dependency went: the entry (if the lockfile has one) and the range it was looked up with. */
export interface ResolvedDependency {
  readonly target: BerryEntry | undefined;
  /** The range after the root's resolutions; undefined when no rule applied. */
  readonly overriddenBy: string | undefined;
}

/** `withResolutions: false` for peers: yarn reduces `dependencies` only. */
export type DependencyResolver = (dependent: BerryEntry, alias: string, range: string, withResolutions?: boolean) => ResolvedDependency;

/**
 * Resolves a dependency of a lockfile entry to the entry yarn installs for
 * it: the root's resolutions first, then the lockfile key, then the key
 * bound to the package the range is relative to (the root for a
 * resolution, else the dependent itself). When a resolution applies but the
 * lockfile has no entry for it, the range as written is tried: the file was
 * written before the resolution was added (or by a yarn that did not match
 * it), and what it locked is what gets installed until the next install.
 */
export function dependencyResolver(
  index: BerryIndex,
  rules: readonly ResolutionRule[],
  style: MatchStyle,
  rootLocator: string | undefined,
): DependencyResolver {
  const find = (alias: string, range: string, anchor: string | undefined): BerryEntry | undefined =>
    index.lookup(alias, range) ?? (anchor === undefined ? undefined : index.lookup(alias, bindToLocator(range, anchor)));
  return (dependent, alias, range, withResolutions = true) => {
    const overriddenBy = withResolutions && rules.length > 0 ? applyResolutions(rules, style, dependent, alias, range) : undefined;
    const target = (overriddenBy !== undefined ? find(alias, overriddenBy, rootLocator) : undefined) ?? find(alias, range, dependent.resolution);
    return { target, overriddenBy };
  };
}
