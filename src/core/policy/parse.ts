import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { MAX_POLICY_GLOBS } from './glob.js';
import { policyDocumentSchema, type PolicyDocument } from './schema.js';
import { readYaml, type SourcePosition } from './yaml-source.js';

/** One policy file, checked against the schema but not yet merged with its bases (defaults are not filled in). */
export interface ParsedPolicy {
  readonly file: string;
  readonly document: PolicyDocument;
  /** The `extends` value as written, if any. */
  readonly extends?: string | undefined;
  /** Where the value at a data path is written (for errors found after parsing, such as an unknown base). */
  locate(path: readonly PropertyKey[]): SourcePosition;
}

/**
 * Reads one policy document (YAML).
 *
 * @param file name shown in errors (the path in the repository, or `chaingate:default`)
 * @throws {ConfigError} with the file, line and column of the first problem:
 *   `MALFORMED` (YAML syntax, duplicate key), `TOO_LARGE` (size, alias expansion, more than
 *   {@link MAX_POLICY_GLOBS} package and workspace globs),
 *   `UNKNOWN_KEY`, `INVALID_VALUE` (wrong type, bad glob, bad date, missing reason/owner/expires…)
 */
export function parsePolicy(content: string, file: string): ParsedPolicy {
  const source = readYaml(content, file);
  const result = policyDocumentSchema.safeParse(source.value, { reportInput: true });
  if (!result.success) throw toConfigError(result.error.issues, source.locate, file);
  const document = source.value as PolicyDocument;
  const globs = countGlobs(document);
  if (globs > MAX_POLICY_GLOBS) {
    throw new ConfigError('TOO_LARGE', file, `holds ${globs} package and workspace globs; at most ${MAX_POLICY_GLOBS} are allowed (every finding is tried against each)`);
  }
  return { file, document, extends: document.extends, locate: (path) => source.locate(path) };
}

/** Package and workspace globs of rules, tiers and exceptions: what every finding is matched against. */
function countGlobs(document: PolicyDocument): number {
  const inWhen = (when: { package?: string | readonly string[] | undefined; workspace?: string | readonly string[] | undefined } | undefined): number =>
    sizeOf(when?.package) + sizeOf(when?.workspace);
  let count = (document.exceptions ?? []).length;
  for (const rule of document.rules ?? []) count += inWhen(rule.when);
  for (const tier of document.tiers ?? []) count += inWhen(tier.when);
  return count;
}

function sizeOf(value: string | readonly string[] | undefined): number {
  return value === undefined ? 0 : typeof value === 'string' ? 1 : value.length;
}

type Locate = (path: readonly PropertyKey[], key?: string) => SourcePosition;

/** The first problem in reading order becomes the error; the count of the others is mentioned. */
export function toConfigError(issues: readonly z.core.$ZodIssue[], locate: Locate, file: string): ConfigError {
  // One problem per place: a value that fails its pattern also fails the checks after it.
  const seen = new Set<string>();
  const distinct = issues.filter((issue) => {
    const key = JSON.stringify(issue.path.map(String));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const located = distinct.map((issue) => describeIssue(issue, locate)).sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
  const first = located[0];
  if (!first) return new ConfigError('INVALID_VALUE', file, 'is not a valid policy');
  const more = located.length > 1 ? ` (and ${located.length - 1} more problem${located.length > 2 ? 's' : ''})` : '';
  return new ConfigError(first.code, file, `${first.message}${more}`, { ...first.position });
}

interface LocatedIssue {
  readonly code: 'UNKNOWN_KEY' | 'INVALID_VALUE';
  readonly message: string;
  readonly position: SourcePosition;
}

function describeIssue(issue: z.core.$ZodIssue, locate: Locate): LocatedIssue {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const where = issue.path.length > 0 ? ` in ${formatPath(issue.path)}` : '';
    const others = issue.keys.length > 1 ? ` (also ${issue.keys.slice(1).map((k) => JSON.stringify(k)).join(', ')})` : '';
    return { code: 'UNKNOWN_KEY', message: `unknown key ${JSON.stringify(key)}${where}${others}`, position: locate(issue.path, key) };
  }
  const inner = issue.code === 'invalid_union' ? deepestBranchIssue(issue) : undefined;
  if (inner) return describeIssue({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue, locate);
  const prefix = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : '';
  return { code: 'INVALID_VALUE', message: `${prefix}${plainMessage(issue)}`, position: locate(issue.path) };
}

/**
 * For "one or a list of" unions: when a list was given, the list branch's
 * issue about one item (`severity[1]`) says more than "expected X or a list".
 */
function deepestBranchIssue(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue | undefined {
  for (const branch of issue.errors) {
    const nested = branch.find((i) => i.path.length > 0);
    if (nested) return nested;
  }
  return undefined;
}

function plainMessage(issue: z.core.$ZodIssue): string {
  const generic = /^Invalid (input|option): /;
  if (issue.input !== undefined || !generic.test(issue.message)) return issue.message.replace(generic, '');
  return `is required (${issue.message.replace(generic, '').replace(/, received undefined$/, '')})`;
}

/** `rules[2].when.severity` */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else text += text ? `.${String(step)}` : String(step);
  }
  return text;
}
