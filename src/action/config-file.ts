import { parse } from 'yaml';
import { ConfigError } from '../core/errors.js';
import type { RepoFiles } from '../core/ports.js';
import { readText } from '../core/read-text.js';
import { joinPath, MAX_POLICY_BYTES } from '../core/policy/index.js';
import type { ReviewInputs } from './input-policy.js';
import { booleanInput, COMMENT_MODES, type CommentMode, oneOf, reviewInputs } from './inputs.js';

/** What a dependency-review-action configuration file may set, as chaingate reads it. */
export interface ConfigFileOptions {
  readonly review: ReviewInputs;
  readonly warnOnly?: boolean | undefined;
  readonly commentMode?: CommentMode | undefined;
}

const REVIEW_KEYS = ['fail-on-severity', 'fail-on-scopes', 'allow-licenses', 'deny-licenses', 'allow-ghsas', 'allow-dependencies-licenses'];
const KEYS = new Set([...REVIEW_KEYS, 'warn-only', 'comment-summary-in-pr']);

/**
 * Reads a dependency-review-action configuration file (the `config-file`
 * input) from the trusted tree, so a workflow can switch over unchanged.
 * Only a path in the repository is supported (not `owner/repo/path@ref`).
 * @throws {ConfigError} NOT_FOUND, MALFORMED, UNKNOWN_KEY (an option chaingate has no equivalent for), INVALID_VALUE
 */
export async function readConfigFile(tree: RepoFiles, path: string): Promise<ConfigFileOptions> {
  if (/^[^./][^/]*\/[^/]+\/.+@/u.test(path)) {
    throw new ConfigError('INVALID_VALUE', path, 'config-file from another repository (owner/repo/path@ref) is not supported: copy the file into this repository');
  }
  const file = joinPath('', path);
  const text = await readText(tree, file, MAX_POLICY_BYTES);
  if (text === undefined) throw new ConfigError('NOT_FOUND', file, `config-file names no file at ${tree.label}: commit it to the base branch or fix the path`);
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 50 });
  } catch (cause) {
    throw new ConfigError('MALFORMED', file, 'is not valid YAML', { cause });
  }
  if (data === null || data === undefined) return { review: {} };
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError('MALFORMED', file, 'expected a mapping of options');
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KEYS.has(key)) throw new ConfigError('UNKNOWN_KEY', file, `${JSON.stringify(key.slice(0, 60))} is not an option chaingate reads (supported: ${[...KEYS].join(', ')}); express it in .github/chaingate.yml`);
  }
  const value = (name: string): string | string[] | undefined => {
    const v = record[name];
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v) && v.every((item) => typeof item === 'string')) return v;
    if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return String(v);
    throw new ConfigError('INVALID_VALUE', file, `${name} must be a string or a list of strings`);
  };
  const scalar = (name: string): string | undefined => {
    const v = value(name);
    return Array.isArray(v) ? v.join(',') : v;
  };
  return {
    review: reviewInputs(value, file),
    warnOnly: booleanInput('warn-only', scalar('warn-only'), file),
    commentMode: oneOf('comment-summary-in-pr', scalar('comment-summary-in-pr'), COMMENT_MODES, file),
  };
}

/** Config-file values override the inline inputs, key by key (dependency-review-action does the same). */
export function mergeReview(inline: ReviewInputs, file: ReviewInputs): ReviewInputs {
  const out: Record<string, unknown> = { ...inline };
  for (const [key, v] of Object.entries(file)) if (v !== undefined) out[key] = v;
  return out as ReviewInputs;
}
