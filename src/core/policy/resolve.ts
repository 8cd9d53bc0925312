import { ConfigError } from '../errors.js';
import { BUILTIN_POLICY_SOURCES } from './builtin-policies.generated.js';
import { parsePolicy, toConfigError, type ParsedPolicy } from './parse.js';
import { compilePolicy, type Policy, type PolicySource } from './policy.js';
import { BUILTIN_POLICY_NAMES, policyDocumentSchema, type BuiltinPolicyName, type PolicyDocument } from './schema.js';

type RawRule = NonNullable<PolicyDocument['rules']>[number];
type RawException = NonNullable<PolicyDocument['exceptions']>[number];

/**
 * Merges policy layers into the policy that judges a change.
 *
 * The chain always starts with the built-in `chaingate:default`; each layer
 * is then stacked in the order given (least specific first: the
 * organisation's `chaingate.yml` from its `.github` repository, then the
 * repository's `.github/chaingate.yml`). A layer's `extends` puts its base
 * (`chaingate:strict`, or a file from `bases`, resolved relative to the
 * layer's own path) just below it, unless the chain already holds it. So
 * `default < org < repo`, and a repository that extends `chaingate:strict`
 * gets `default < org < strict < repo`.
 *
 * Merging, from the bottom up: `settings`, `defaults`, `unavailable`,
 * `remediation` and `response` are deep-merged key by key (a list replaces
 * the list below it; a row of `response.actions` replaces the row below
 * whole); `tiers` set in
 * a layer replace the tiers below; `rules` of the more specific layer come
 * first, and a rule with the id of a rule below replaces it; `exceptions`
 * are concatenated (ids must be unique across layers). The schema's defaults
 * fill in what no layer sets.
 *
 * The caller reads every layer and base from the **base** side of the pull
 * request (the base branch, the organisation's `.github` repository), never
 * from the head: a pull request must not be able to weaken its own gate.
 *
 * @param layers the organisation and repository policies, least specific first (either may be absent)
 * @param bases policy files named by a path in some layer's `extends`, each from the same `place` as the layer naming it
 * @throws {ConfigError} what {@link parsePolicy} throws; `NOT_FOUND` for an `extends` naming a file not supplied;
 *   `INVALID_VALUE` for an `extends` cycle or an exception id used in two layers
 */
export function resolvePolicy(layers: readonly PolicySource[], bases: readonly PolicySource[] = []): Policy {
  const builtins = new Map<BuiltinPolicyName, ParsedPolicy>();
  const builtin = (name: BuiltinPolicyName): ParsedPolicy => {
    let parsed = builtins.get(name);
    if (!parsed) {
      const source = BUILTIN_POLICY_SOURCES[name];
      parsed = parsePolicy(source.content, source.file);
      builtins.set(name, parsed);
    }
    return parsed;
  };
  const keyOf = (place: string | undefined, path: string): string => `${place ?? ''}\u0000${normalizePath(path)}`;
  const byFile = new Map(bases.map((b) => [keyOf(b.place, b.file), b] as const));
  const parsedBases = new Map<string, ParsedPolicy>();
  const placeOf = new Map<ParsedPolicy, string | undefined>();

  const chain: ParsedPolicy[] = [];
  const add = (layer: ParsedPolicy, stack: readonly ParsedPolicy[]): void => {
    if (chain.includes(layer)) return;
    const closing = stack[stack.length - 1];
    if (closing && stack.includes(layer)) {
      // Reported where the cycle closes: the extends that names a policy already below it.
      throw new ConfigError('INVALID_VALUE', closing.file, `extends forms a cycle: ${[...stack, layer].map((l) => l.file).join(' → ')}`, { ...closing.locate(['extends']) });
    }
    if (layer.extends !== undefined) add(baseOf(layer), [...stack, layer]);
    chain.push(layer);
  };
  const baseOf = (layer: ParsedPolicy): ParsedPolicy => {
    const ref = layer.extends as string;
    if (isBuiltinName(ref)) return builtin(ref);
    const path = joinPath(layer.file, ref);
    const place = placeOf.get(layer);
    const key = keyOf(place, path);
    const cached = parsedBases.get(key);
    if (cached) return cached;
    const source = byFile.get(key);
    if (!source) {
      throw new ConfigError('NOT_FOUND', layer.file, `extends ${JSON.stringify(ref)}: no such policy (looked for ${path}; built-in policies are ${BUILTIN_POLICY_NAMES.join(', ')})`, { ...layer.locate(['extends']) });
    }
    const parsed = parsePolicy(source.content, source.file);
    parsedBases.set(key, parsed);
    placeOf.set(parsed, place);
    return parsed;
  };

  add(builtin('chaingate:default'), []);
  for (const layer of layers) {
    const parsed = parsePolicy(layer.content, layer.file);
    placeOf.set(parsed, layer.place);
    add(parsed, []);
  }
  return mergeChain(chain);
}

function mergeChain(chain: readonly ParsedPolicy[]): Policy {
  let merged: Record<string, unknown> = { version: 1 };
  let rules: { rule: RawRule; file: string }[] = [];
  const exceptions: { exception: RawException; file: string }[] = [];
  const exceptionIds = new Set<string>();
  for (const layer of chain) {
    const { rules: layerRules, exceptions: layerExceptions, tiers, settings, defaults, unavailable, remediation, response } = layer.document;
    merged = deepMerge(merged, { settings, defaults, unavailable, remediation, response: response && { ...response, actions: undefined } });
    // A layer's row of the action matrix replaces the row below whole: merged action by action, a row could list an action as both automatic and waiting.
    if (response?.actions) merged.response = { ...(merged.response as Record<string, unknown> | undefined), actions: { ...((merged.response as { actions?: object } | undefined)?.actions ?? {}), ...response.actions } };
    if (tiers !== undefined) merged.tiers = tiers;
    const mine = (layerRules ?? []).map((rule) => ({ rule, file: layer.file }));
    const replaced = new Set(mine.map((r) => r.rule.id));
    rules = [...mine, ...rules.filter((r) => !replaced.has(r.rule.id))];
    (layerExceptions ?? []).forEach((exception, index) => {
      if (exceptionIds.has(exception.id)) {
        throw new ConfigError('INVALID_VALUE', layer.file, `exception id "${exception.id}" is already used by a base policy`, { ...layer.locate(['exceptions', index, 'id']) });
      }
      exceptionIds.add(exception.id);
      exceptions.push({ exception, file: layer.file });
    });
  }
  merged.rules = rules.map((r) => r.rule);
  merged.exceptions = exceptions.map((e) => e.exception);
  const result = policyDocumentSchema.safeParse(merged);
  const top = chain[chain.length - 1];
  // Every layer was valid on its own, so this only fails on a defect in merging.
  if (!result.success) throw toConfigError(result.error.issues, () => ({ line: 1, column: 1 }), top?.file ?? 'policy');
  return compilePolicy(result.data, chain.map((l) => l.file), rules.map((r) => r.file), exceptions.map((e) => e.file));
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const below = out[key];
    out[key] = isPlainObject(value) && isPlainObject(below) ? deepMerge(below, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBuiltinName(ref: string): ref is BuiltinPolicyName {
  return (BUILTIN_POLICY_NAMES as readonly string[]).includes(ref);
}

/**
 * Where an `extends` path points: relative to the folder of the file that
 * names it, or to the repository root when it starts with `/`.
 */
export function joinPath(fromFile: string, ref: string): string {
  if (ref.startsWith('/')) return normalizePath(ref);
  const dir = fromFile.includes('/') ? fromFile.slice(0, fromFile.lastIndexOf('/')) : '';
  return normalizePath(dir ? `${dir}/${ref}` : ref);
}

function normalizePath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return out.join('/');
}
