import { CORE_SCHEMA, loadAll, YAMLException, type LoadOptions } from 'js-yaml';
import { ParseError } from '../../core/errors.js';
import type { Limits } from '../../core/limits.js';
import { assertTextSize, isRecord } from '../shared/text.js';
import { assertBoundedAliases } from './yaml-aliases.js';
import { assertSectionSizes } from './yaml-sections.js';

// pnpm 11+ may prepend an "env" document (pnpm itself, config dependencies); more than that is not a lockfile.
const MAX_DOCUMENTS = 2;

/** js-yaml 4.2+ reads `maxDepth`; its published types predate it. */
type ReaderOptions = LoadOptions & { readonly maxDepth: number };

/**
 * Parses a pnpm-lock.yaml with js-yaml, the reader pnpm itself uses, in its
 * safe configuration (YAML 1.2 core schema: no custom tags, no merge keys;
 * duplicate keys refused; nesting bounded by `limits.maxDepth`), refuses alias
 * bombs, and returns the project document: the last one, since pnpm 11+ may put
 * an env document (pnpm's own version, config dependencies) first.
 * @throws {ParseError} TOO_LARGE, MALFORMED, CONFLICT (a key twice) or LIMIT_EXCEEDED (packages, alias expansion, nesting)
 */
export function readLockfileYaml(content: string, path: string, limits: Limits): Record<string, unknown> {
  assertTextSize(content, path, limits);
  assertSectionSizes(content, path, limits.maxPackages);
  // The top-level mapping plus maxDepth levels of nesting below it.
  const options: ReaderOptions = { schema: CORE_SCHEMA, json: false, maxDepth: limits.maxDepth + 1 };
  let docs: unknown[];
  try {
    docs = loadAll(content, null, options);
  } catch (cause) {
    throw yamlError(cause, path, limits.maxDepth);
  }
  if (docs.length > MAX_DOCUMENTS) {
    throw new ParseError('MALFORMED', path, `holds ${docs.length} YAML documents; a pnpm lockfile has at most ${MAX_DOCUMENTS}`);
  }
  if (docs.length === 0) throw new ParseError('MALFORMED', path, 'is empty');
  const value = docs.at(-1);
  // An alias needs an anchor (`&name`) to point at; most lockfiles have no `&` at all.
  if (content.includes('&')) assertBoundedAliases(docs, content.length, path);
  if (!isRecord(value)) throw new ParseError('MALFORMED', path, 'is not a YAML mapping at the top level');
  return value;
}

function yamlError(cause: unknown, path: string, maxDepth: number): ParseError {
  // A block nesting the reader recurses into before its own depth check.
  if (cause instanceof RangeError) return new ParseError('LIMIT_EXCEEDED', path, 'nests YAML too deeply', { cause });
  if (!(cause instanceof YAMLException)) {
    const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    return new ParseError('MALFORMED', path, `is not valid YAML (${detail})`, { cause });
  }
  const where = describe(cause);
  if (cause.reason.startsWith('duplicated mapping key')) return new ParseError('CONFLICT', path, `lists a key twice (${where})`, { cause });
  if (cause.reason.startsWith('nesting exceeded maxDepth')) {
    return new ParseError('LIMIT_EXCEEDED', path, `nests YAML deeper than ${maxDepth} (${where})`, { cause });
  }
  if (cause.reason.startsWith('unknown tag')) return new ParseError('MALFORMED', path, `uses a YAML tag pnpm never writes (${where})`, { cause });
  return new ParseError('MALFORMED', path, `is not valid YAML (${where})`, { cause });
}

/** The reader's reason with the 1-based line and column it points at. */
function describe(error: YAMLException): string {
  const mark = error.mark as { line?: unknown; column?: unknown } | undefined;
  if (typeof mark?.line !== 'number' || typeof mark.column !== 'number') return error.reason;
  return `${error.reason} at line ${mark.line + 1}, column ${mark.column + 1}`;
}
