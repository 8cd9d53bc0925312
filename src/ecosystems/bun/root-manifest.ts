import { ParseError } from '../../core/errors.js';
import { isRecord, optionalString, parseJson } from '../shared/text.js';
import type { OpenSibling } from '../types.js';

/**
 * The root project's version from the package.json beside the lockfile: bun
 * writes every workspace's version into `workspaces` except the root's.
 * Undefined when siblings cannot be opened or the file has none.
 * @throws {ParseError} MALFORMED when package.json exists but is not a JSON object
 */
export async function readRootVersion(open: OpenSibling | undefined, lockPath: string): Promise<string | undefined> {
  const text = open ? await open('package.json') : undefined;
  if (text === undefined) return undefined;
  const slash = lockPath.lastIndexOf('/');
  const file = slash < 0 ? 'package.json' : `${lockPath.slice(0, slash)}/package.json`;
  const json = parseJson(text, file);
  if (!isRecord(json)) throw new ParseError('MALFORMED', file, 'is not a JSON object');
  return optionalString(json.version);
}
