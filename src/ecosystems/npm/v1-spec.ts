import { ParseError } from '../../core/errors.js';
import type { SourceKind } from '../../core/model.js';
import { quote } from '../shared/names.js';
import { sourceOf } from './source.js';

/** What a v1 entry's `version` field says: npm 6 writes specs, not versions, for aliases, git, URLs and folders. */
export interface V1Spec {
  readonly name: string;
  readonly version: string;
  readonly source: SourceKind;
  /** The folder of a `file:` directory dependency, whose package.json holds the real version. */
  readonly folder?: string | undefined;
}

const TARBALL = /\.(?:tgz|tar\.gz|tar)$/;

/**
 * Reads `version` of the v1 entry installed as `alias`:
 * `npm:lodash@3.10.1` (alias), `git+https://…#sha`, `https://…tgz`,
 * `file:libs/x` (a linked folder) or `file:x.tgz`, else a registry version.
 * @throws {ParseError} MALFORMED for an alias without a version
 */
export function readV1Spec(
  alias: string,
  version: string,
  resolved: string | undefined,
  describe: () => string,
  path: string,
): V1Spec {
  if (version.startsWith('npm:')) {
    const rest = version.slice(4);
    const at = rest.lastIndexOf('@');
    if (at <= 0) throw new ParseError('MALFORMED', path, `${describe()} has an alias ${quote(version)} without a version`);
    return { name: rest.slice(0, at), version: rest.slice(at + 1), source: sourceOf(resolved) };
  }
  if (version.startsWith('file:')) {
    const target = version.slice(5);
    if (TARBALL.test(target)) return { name: alias, version, source: 'file' };
    return { name: alias, version, source: 'link', folder: target };
  }
  if (version.startsWith('git') || version.startsWith('github:') || version.startsWith('bitbucket:') || version.startsWith('gitlab:')) {
    return { name: alias, version, source: 'git' };
  }
  if (version.startsWith('http://') || version.startsWith('https://')) return { name: alias, version, source: 'remote' };
  return { name: alias, version, source: sourceOf(resolved) };
}
