import { parseAllDocuments, type DocumentOptions, type ParseOptions, type SchemaOptions, type YAMLError } from 'yaml';
import { ParseError } from '../../core/errors.js';
import type { Limits } from '../../core/limits.js';
import { assertTextSize, isRecord } from '../shared/text.js';

// pnpm never writes anchors or aliases; a few are tolerated for hand edits, a billion laughs is not.
const MAX_ALIAS_COUNT = 50;
// pnpm 11+ may prepend an "env" document (pnpm itself, config dependencies); more than that is not a lockfile.
const MAX_DOCUMENTS = 2;

const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  customTags: [],
  merge: false,
  uniqueKeys: true,
  strict: true,
  prettyErrors: true,
};

/**
 * Parses a pnpm-lock.yaml with the `yaml` package in its safe configuration
 * (core schema, no custom tags, unique keys, bounded aliases) and returns its
 * project document: the last one, since pnpm 11+ may put an env document
 * (pnpm's own version, config dependencies) first.
 * @throws {ParseError} TOO_LARGE, MALFORMED, CONFLICT (a key twice) or LIMIT_EXCEEDED (alias expansion, nesting)
 */
export function readLockfileYaml(content: string, path: string, limits: Limits): Record<string, unknown> {
  // A string's UTF-8 size is at most three bytes per UTF-16 unit: encode only when it could be over.
  assertTextSize(content, path, limits);
  assertFlowDepth(content, path, limits.maxDepth);
  let value: unknown;
  try {
    const docs = parseAllDocuments(content, PARSE_OPTIONS);
    if (!Array.isArray(docs)) throw new ParseError('MALFORMED', path, 'is not valid YAML (no document)');
    if (docs.length > MAX_DOCUMENTS) {
      throw new ParseError('MALFORMED', path, `holds ${docs.length} YAML documents; a pnpm lockfile has at most ${MAX_DOCUMENTS}`);
    }
    for (const doc of docs) {
      const error = doc.errors[0];
      if (error) throw yamlError(error, path);
      const tag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
      if (tag) throw new ParseError('MALFORMED', path, `uses a YAML tag pnpm never writes (${describe(tag)})`);
    }
    const last = docs.at(-1);
    if (!last) throw new ParseError('MALFORMED', path, 'is empty');
    value = last.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    if (cause instanceof ParseError) throw cause;
    if (cause instanceof ReferenceError) {
      throw new ParseError('LIMIT_EXCEEDED', path, `expands YAML aliases beyond ${MAX_ALIAS_COUNT} (a YAML bomb?)`, { cause });
    }
    if (cause instanceof RangeError) throw new ParseError('LIMIT_EXCEEDED', path, 'nests YAML too deeply', { cause });
    const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new ParseError('MALFORMED', path, `is not valid YAML (${detail})`, { cause });
  }
  if (!isRecord(value)) throw new ParseError('MALFORMED', path, 'is not a YAML mapping at the top level');
  return value;
}

function yamlError(error: YAMLError, path: string): ParseError {
  if (error.code === 'DUPLICATE_KEY') return new ParseError('CONFLICT', path, `lists a key twice (${describe(error)})`, { cause: error });
  if (error.code === 'RESOURCE_EXHAUSTION') return new ParseError('LIMIT_EXCEEDED', path, `nests YAML too deeply (${describe(error)})`, { cause: error });
  return new ParseError('MALFORMED', path, `is not valid YAML (${describe(error)})`, { cause: error });
}

/** The first line of the library's message without its trailing colon, always with the line and column. */
function describe(error: YAMLError): string {
  const first = (error.message.split('\n')[0] ?? '').replace(/:$/, '');
  const pos = error.linePos?.[0];
  if (!pos || first.includes(' at line ')) return first;
  return `${first} at line ${pos.line}, column ${pos.col}`;
}

/**
 * The YAML composer recurses once per flow collection (`[`, `{`), so a file of
 * brackets costs a stack overflow per level before it fails. Refuse nesting
 * over `maxDepth` up front. Brackets inside quoted scalars count too: pnpm
 * writes at most two levels, so only a file built to attack can reach the limit.
 * @throws {ParseError} LIMIT_EXCEEDED
 */
function assertFlowDepth(content: string, path: string, maxDepth: number): void {
  let depth = 0;
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw new ParseError('LIMIT_EXCEEDED', path, `nests YAML flow collections deeper than ${maxDepth}`);
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth--;
    }
  }
}
