import { ParseError } from '../../core/errors.js';
import type { SourceKind } from '../../core/model.js';
import { quote } from '../shared/names.js';
import { isRecord } from '../shared/text.js';

/** Where a package's bits come from, as its `resolution` records them. */
export interface Origin {
  readonly source: SourceKind;
  readonly resolved: string | undefined;
  readonly integrity: string | undefined;
}

// Hosted-git archives pnpm resolves `github:user/repo` and friends to.
const GIT_ARCHIVE = /^https:\/\/(codeload\.github\.com\/|gitlab\.com\/.+\/-\/archive\/|bitbucket\.org\/.+\/get\/)/;

/**
 * Reads a `resolution`: `{integrity}` (registry), `{integrity, tarball}`
 * (a registry tarball, or a remote one when the URL is not a registry path),
 * `{type: git, repo, commit}`, `{type: directory, directory}` (`file:`).
 * @throws {ParseError} MALFORMED when it is missing or not a mapping
 */
export function readResolution(value: unknown, key: string, path: string): Origin {
  if (!isRecord(value)) throw new ParseError('MALFORMED', path, `package ${quote(key)} has no resolution`);
  const integrity = typeof value.integrity === 'string' ? value.integrity : undefined;
  if (value.type === 'git') {
    const repo = typeof value.repo === 'string' ? value.repo : '';
    const commit = typeof value.commit === 'string' ? value.commit : '';
    return { source: 'git', resolved: `${repo.startsWith('git+') ? '' : 'git+'}${repo}#${commit}`, integrity };
  }
  if (value.type === 'directory') {
    const directory = typeof value.directory === 'string' ? value.directory : '';
    return { source: 'file', resolved: `file:${directory}`, integrity };
  }
  const tarball = typeof value.tarball === 'string' ? value.tarball : undefined;
  if (tarball === undefined) return { source: integrity ? 'registry' : 'unknown', resolved: undefined, integrity };
  return { source: tarballSource(tarball, integrity), resolved: tarball, integrity };
}

function tarballSource(tarball: string, integrity: string | undefined): SourceKind {
  if (tarball.startsWith('file:')) return 'file';
  if (GIT_ARCHIVE.test(tarball)) return 'git';
  // Registry tarballs live at <registry>/<name>/-/<file>.tgz and always carry an integrity.
  if (integrity && /^https?:\/\//.test(tarball) && tarball.includes('/-/')) return 'registry';
  return /^https?:\/\//.test(tarball) ? 'remote' : 'unknown';
}
