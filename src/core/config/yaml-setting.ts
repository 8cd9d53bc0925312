import { isAlias, isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import { assertSize } from './limits.js';

/** A top-level scalar of a YAML settings file, with its position for messages. */
export interface YamlScalar {
  readonly value: unknown;
  readonly line: number;
  readonly column: number;
}

/**
 * Reads one top-level key of a YAML file without expanding the rest of it: the document is parsed
 * (syntax errors and duplicate keys are errors) but never converted as a whole, so an alias bomb
 * elsewhere in the file costs nothing; an alias as the value itself resolves to its scalar.
 * @throws {ConfigError} MALFORMED for broken YAML, a non-mapping document or a non-scalar value; TOO_LARGE for a huge file.
 */
export function readYamlScalar(file: string, content: string, key: string): YamlScalar | undefined {
  assertSize(file, content);
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    throw new ConfigError('MALFORMED', file, `not valid YAML: ${error.message.split('\n')[0]}`, { line: pos.line, column: pos.col });
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return undefined;
  if (!isMap(contents)) throw new ConfigError('MALFORMED', file, 'expected a mapping of settings at the top level', positionOf(contents, lineCounter));
  const node: unknown = contents.get(key, true);
  if (node === undefined) return undefined;
  const scalar = isAlias(node) ? node.resolve(doc) : node;
  if (!isScalar(scalar)) throw new ConfigError('MALFORMED', file, `${key} must be a single value`, positionOf(node, lineCounter));
  return { value: scalar.value, ...positionOf(node, lineCounter) };
}

function positionOf(node: unknown, lineCounter: LineCounter): { line: number; column: number } {
  const range = (node as { range?: readonly number[] | null } | undefined)?.range;
  if (!range || range[0] === undefined) return { line: 1, column: 1 };
  const pos = lineCounter.linePos(range[0]);
  return { line: pos.line, column: pos.col };
}
