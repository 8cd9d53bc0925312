import { ageGateFiles, lockfileNames } from '../../ecosystems/api.js';
import type { GitHubRequester, RepoRef } from './requester.js';

/** The compare API lists at most 300 changed files; past that, assume dependencies changed. */
const COMPARE_FILE_LIMIT = 300;
const MANIFEST_NAMES: ReadonlySet<string> = new Set(['package.json', ...ageGateFiles.keys()]);

/**
 * Whether the change from `base` to `head` touches a lockfile, a manifest, a
 * package manager's settings or a chaingate policy (one compare request).
 * When GitHub cannot list every file, the answer is `true`: judging a change
 * that touched nothing costs a few requests; skipping one that did would
 * let it through.
 */
export async function touchesDependencies(client: GitHubRequester, repository: RepoRef, base: string, head: string, policyPaths: readonly string[]): Promise<boolean> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/compare/{basehead}', { ...repository, basehead: `${base}...${head}`, per_page: 1 });
  const files = data.files ?? [];
  if (files.length >= COMPARE_FILE_LIMIT || data.files === undefined) return true;
  return files.some((file) => [file.filename, file.previous_filename].some((path) => path !== undefined && isDependencyFile(path, policyPaths)));
}

/** A lockfile, manifest, package-manager settings file or policy path. */
export function isDependencyFile(path: string, policyPaths: readonly string[]): boolean {
  if (policyPaths.includes(path)) return true;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return lockfileNames.has(name) || MANIFEST_NAMES.has(name);
}
