import { CODEOWNERS_PATHS, type Codeowners, MAX_CODEOWNERS_BYTES, parseCodeowners } from '../../core/codeowners/codeowners.js';
import { UpstreamError } from '../../core/errors.js';
import { readRepositoryFile } from './repository-file.js';
import type { GitHubRequester, RepoRef } from './requester.js';

/**
 * The repository's CODEOWNERS at `ref`, from the first of `.github/`, the root
 * and `docs/` that has one (GitHub's order), read through the contents API;
 * `undefined` when there is none (one over GitHub's 3 MB limit is ignored, as GitHub does).
 */
export async function readCodeowners(client: GitHubRequester, repository: RepoRef, ref: string): Promise<{ path: string; codeowners: Codeowners } | undefined> {
  for (const path of CODEOWNERS_PATHS) {
    let text: string | undefined;
    try {
      text = await readRepositoryFile(client, repository, path, MAX_CODEOWNERS_BYTES, ref);
    } catch (error) {
      // A folder by that name, or a file over the limit GitHub ignores as well.
      if (error instanceof UpstreamError) continue;
      throw error;
    }
    if (text !== undefined) return { path, codeowners: parseCodeowners(text) };
  }
  return undefined;
}
