import { UpstreamError } from '../../core/errors.js';
import type { GitHubRequester, RepoRef } from './requester.js';
import { statusOf } from './requester.js';

/**
 * One file of a repository through the contents API (the default branch
 * unless `ref` is given), for configuration that lives outside the checked
 * commit: an organisation's `.github` repository, a Probot `_extends` target.
 * @returns `undefined` when the repository or the file does not exist (or the App cannot see it).
 * @throws {UpstreamError} BAD_RESPONSE when the path is a directory or the file is over `maxBytes`.
 */
export async function readRepositoryFile(client: GitHubRequester, repository: RepoRef, path: string, maxBytes: number, ref?: string): Promise<string | undefined> {
  let data: unknown;
  try {
    ({ data } = await client.request('GET /repos/{owner}/{repo}/contents/{path}', { ...repository, path, ...(ref ? { ref } : {}) }));
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 403) return undefined;
    throw error;
  }
  const where = `${repository.owner}/${repository.repo}/${path}`;
  const file = data as { type?: string; size?: number; encoding?: string; content?: string };
  if (Array.isArray(data) || file.type !== 'file' || typeof file.content !== 'string') {
    throw new UpstreamError('BAD_RESPONSE', 'GitHub contents API', `${where} is not a file`);
  }
  if ((file.size ?? 0) > maxBytes || file.encoding !== 'base64') {
    throw new UpstreamError('BAD_RESPONSE', 'GitHub contents API', `${where} is ${String(file.size)} bytes (${String(file.encoding)}), over the ${maxBytes}-byte limit for configuration`);
  }
  return Buffer.from(file.content, 'base64').toString('utf8');
}
