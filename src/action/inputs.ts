import { ConfigError } from '../core/errors.js';
import { SEVERITY_THRESHOLDS, type FailOnScope, type ReviewInputs, type SeverityThreshold } from './input-policy.js';

export const COMMENT_MODES = ['always', 'on-failure', 'never'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/** Everything the workflow step says, read once at the start of a run. */
export interface ActionInputs {
  readonly baseRef?: string | undefined;
  readonly headRef?: string | undefined;
  readonly review: ReviewInputs;
  readonly configFile?: string | undefined;
  readonly warnOnly: boolean;
  readonly commentMode: CommentMode;
  readonly policy?: string | undefined;
  readonly advisories?: string | undefined;
  readonly sbomFile?: string | undefined;
  readonly sarifFile?: string | undefined;
  readonly token?: string | undefined;
}

/** How inputs are read (`core.getInput` on a runner). An empty string means not given. */
export type InputReader = (name: string) => string;

const FILE = 'workflow inputs';

/**
 * Reads and checks the step's inputs. Lists are comma- or newline-separated,
 * as in dependency-review-action.
 * @throws {ConfigError} INVALID_VALUE naming the input and what it accepts
 */
export function readInputs(read: InputReader): ActionInputs {
  const text = (name: string): string | undefined => {
    const value = read(name).trim();
    return value === '' ? undefined : value;
  };
  return {
    baseRef: text('base-ref'),
    headRef: text('head-ref'),
    review: reviewInputs((name) => text(name)),
    configFile: text('config-file'),
    warnOnly: booleanInput('warn-only', text('warn-only')) ?? false,
    commentMode: oneOf('comment-summary-in-pr', text('comment-summary-in-pr'), COMMENT_MODES) ?? 'never',
    policy: text('policy'),
    advisories: text('advisories'),
    sbomFile: text('sbom-file'),
    sarifFile: text('sarif-file'),
    token: text('github-token'),
  };
}

/** The dependency-review-style options, from inputs or a config file's keys. */
export function reviewInputs(value: (name: string) => string | string[] | undefined, file = FILE): ReviewInputs {
  return {
    failOnSeverity: oneOf('fail-on-severity', single(value('fail-on-severity')), SEVERITY_THRESHOLDS, file) as SeverityThreshold | undefined,
    failOnScopes: listOf('fail-on-scopes', value('fail-on-scopes'), ['runtime', 'development', 'unknown'] as const, file) as FailOnScope[] | undefined,
    allowLicenses: list(value('allow-licenses')),
    denyLicenses: list(value('deny-licenses')),
    allowGhsas: list(value('allow-ghsas')),
    allowDependenciesLicenses: list(value('allow-dependencies-licenses')),
  };
}

export function booleanInput(name: string, value: string | undefined, file = FILE): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(true|yes|on)$/iu.test(value)) return true;
  if (/^(false|no|off)$/iu.test(value)) return false;
  throw new ConfigError('INVALID_VALUE', file, `${name} must be true or false, not ${JSON.stringify(value.slice(0, 50))}`);
}

export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], file = FILE): T | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if ((allowed as readonly string[]).includes(lower)) return lower as T;
  throw new ConfigError('INVALID_VALUE', file, `${name} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value.slice(0, 50))}`);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

function list(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : value.split(/[,\n]/u)).map((s) => s.trim()).filter((s) => s !== '');
  return items.length > 0 ? items : undefined;
}

function listOf<T extends string>(name: string, value: string | string[] | undefined, allowed: readonly T[], file: string): T[] | undefined {
  const items = list(value);
  return items?.map((item) => oneOf(name, item, allowed, file)!);
}
