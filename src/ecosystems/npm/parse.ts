import { ParseError } from '../../core/errors.js';
import type { DependencyGraph } from '../../core/model.js';
import { quote } from '../shared/names.js';
import { assertTextSize, isRecord, parseJson } from '../shared/text.js';
import type { ParseOptions } from '../types.js';
import { readDependenciesTree } from './dependencies-tree.js';
import { readPackagesMap } from './packages-map.js';
import { readSiblingManifest } from './root-manifest.js';

/**
 * Reads an npm lockfile. v2 and v3 are read from the `packages` map (v2's
 * legacy `dependencies` tree is ignored), v1 from its nested `dependencies`.
 * @throws {ParseError} TOO_LARGE, MALFORMED, UNSUPPORTED_VERSION, LIMIT_EXCEEDED, INVALID_NAME
 */
export async function parseNpmLockfile(content: string, options: ParseOptions): Promise<DependencyGraph> {
  const { path, limits } = options;
  // A UTF-16 code unit is at most 3 UTF-8 bytes: only encode when the cheap bound does not settle it.
  assertTextSize(content, path, limits);
  const doc = parseJson(content, path);
  if (!isRecord(doc)) throw new ParseError('MALFORMED', path, 'is not a JSON object');
  const version = doc.lockfileVersion;
  if (typeof version !== 'number') {
    throw new ParseError('MALFORMED', path, 'has no numeric lockfileVersion (is it a package-lock.json?)');
  }
  if (version !== 1 && version !== 2 && version !== 3) {
    throw new ParseError(
      'UNSUPPORTED_VERSION',
      path,
      `has lockfileVersion ${quote(String(version))}; chaingate reads versions 1, 2 and 3`,
    );
  }
  const header = { path, format: 'npm-package-lock' as const, formatVersion: String(version), limits };
  if (version === 1 || (version === 2 && doc.packages === undefined)) {
    return readDependenciesTree(doc, header, options.openSibling);
  }
  return readPackagesMap(doc, header, await readSiblingManifest(options.openSibling, 'package.json'));
}
