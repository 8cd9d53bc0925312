import { ParseError } from '../../core/errors.js';
import { isRecord, parseJson } from '../shared/text.js';
import type { OpenSibling } from '../types.js';

/** The name and version a workspace's package.json declares (pnpm's lockfile records neither). */
export interface WorkspaceLabel {
  readonly name: string | undefined;
  readonly version: string | undefined;
}

const NONE: WorkspaceLabel = { name: undefined, version: undefined };

/**
 * Reads `<importer>/package.json` next to the lockfile, when siblings can be opened.
 * @throws {ParseError} MALFORMED when the file exists but is not a JSON object
 */
export async function readWorkspaceLabel(open: OpenSibling | undefined, importer: string, lockPath: string): Promise<WorkspaceLabel> {
  if (!open) return NONE;
  const rel = importer === '.' ? 'package.json' : `${importer}/package.json`;
  const text = await open(rel);
  if (text === undefined) return NONE;
  const slash = lockPath.lastIndexOf('/');
  const file = slash < 0 ? rel : `${lockPath.slice(0, slash)}/${rel}`;
  const json = parseJson(text, file);
  if (!isRecord(json)) throw new ParseError('MALFORMED', file, 'is not a JSON object');
  return {
    name: typeof json.name === 'string' ? json.name : undefined,
    version: typeof json.version === 'string' ? json.version : undefined,
  };
}
