import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { ConfigError } from '../errors.js';

/** Policies are short; anything larger is refused before parsing. */
export const MAX_POLICY_BYTES = 256 * 1024;
/**
 * Aliases (`*anchor`) a policy may expand, weighted by what each one
 * expands to: a "billion laughs" document fails on its first few aliases.
 */
export const MAX_ALIAS_COUNT = 50;

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A YAML document read into plain data, with a way back from a data path to its place in the text. */
export interface YamlSource {
  readonly file: string;
  readonly value: unknown;
  /** Where the value at `path` is written; with `key`, where that key of the mapping at `path` is written. Falls back to the nearest enclosing node. */
  locate(path: readonly PropertyKey[], key?: string): SourcePosition;
}

/**
 * Parses one YAML document with limits: size, one document per file, unique
 * keys, string keys, no unknown tags, bounded alias expansion.
 *
 * @throws {ConfigError} `TOO_LARGE` for size or alias expansion, `MALFORMED` for syntax, with line and column
 */
export function readYaml(content: string, file: string): YamlSource {
  if (content.length > MAX_POLICY_BYTES) throw new ConfigError('TOO_LARGE', file, `is larger than ${MAX_POLICY_BYTES} bytes`);
  const lineCounter = new LineCounter();
  const at = (offset: number): SourcePosition => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(content, { lineCounter, uniqueKeys: true, stringKeys: true, prettyErrors: false, schema: 'core', strict: true });
  } catch (error) {
    // The composer recurses on nesting; a pathologically deep document overflows it.
    throw new ConfigError('TOO_LARGE', file, 'is nested too deeply', { cause: error });
  }
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem && /call stack/i.test(problem.message)) {
    throw new ConfigError('TOO_LARGE', file, 'is nested too deeply', { cause: problem, ...at(problem.pos[0]) });
  }
  if (problem) {
    throw new ConfigError('MALFORMED', file, `invalid YAML: ${firstLine(problem.message)}`, { cause: problem, ...at(problem.pos[0]) });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const alias = firstAlias(doc);
    const where = alias?.range ? at(alias.range[0]) : {};
    const reason = error instanceof ReferenceError && /alias count/.test(error.message)
      ? `aliases expand too far (more than ${MAX_ALIAS_COUNT}); write the values out instead`
      : error instanceof RangeError ? 'is nested too deeply' : `invalid YAML: ${error instanceof Error ? firstLine(error.message) : 'unreadable'}`;
    throw new ConfigError(error instanceof ReferenceError && /alias count/.test(error.message) ? 'TOO_LARGE' : 'MALFORMED', file, reason, { cause: error, ...where });
  }
  return {
    file,
    value,
    locate(path, key) {
      const { node, complete } = nodeAt(doc, path);
      if (complete && key !== undefined && isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
        if (pair && isNode(pair.key) && pair.key.range) return at(pair.key.range[0]);
      }
      return node?.range ? at(node.range[0]) : { line: 1, column: 1 };
    },
  };
}

/** The deepest node along `path`; `complete` when the whole path was found. */
function nodeAt(doc: Document.Parsed, path: readonly PropertyKey[]): { node: Node | undefined; complete: boolean } {
  let node: Node | undefined = doc.contents ?? undefined;
  for (const step of path) {
    if (isAlias(node)) node = node.resolve(doc) ?? node;
    let next: Node | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      next = isNode(pair?.value) ? pair.value : isNode(pair?.key) ? pair.key : undefined;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      next = isNode(item) ? item : undefined;
    }
    if (!next) return { node, complete: false };
    node = next;
  }
  return { node, complete: true };
}

function firstAlias(doc: Document.Parsed): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Alias(_key, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
