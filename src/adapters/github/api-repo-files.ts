import { ParseError, UpstreamError } from '../../core/errors.js';
import type { RepoFiles } from '../../core/ports.js';
import type { GitHubRequester, RepoRef } from './requester.js';

interface BlobEntry {
  readonly sha: string;
  readonly size: number;
}

/** Directories walked one by one when GitHub truncates a recursive tree. */
const MAX_TREE_REQUESTS = 500;
const SERVICE = 'GitHub git trees API';

/** Blobs already asked for, by blob SHA: commits of one repository that share it (base and head) share one request. */
export type BlobCache = Map<string, Promise<Uint8Array>>;

/**
 * One commit of a repository read through GitHub's git database API: one
 * recursive trees request lists every file with its size (a truncated answer
 * is completed directory by directory), and each file is one blobs request,
 * refused by its size before it is fetched. No clone, nothing checked out.
 * Give two commits of one repository the same `blobs` and a file unchanged
 * between them (same blob SHA) is fetched once.
 */
export function githubCommitFiles(client: GitHubRequester, repository: RepoRef, sha: string, blobs: BlobCache = new Map()): RepoFiles {
  let tree: Promise<Map<string, BlobEntry>> | undefined;
  const loadTree = (): Promise<Map<string, BlobEntry>> => (tree ??= readTree(client, repository, sha));
  const label = `${repository.owner}/${repository.repo}@${sha.slice(0, 12)}`;
  return {
    label,
    listFiles: async () => [...(await loadTree()).keys()],
    readFile: async (path, maxBytes) => {
      const entry = (await loadTree()).get(path);
      if (!entry) return undefined;
      if (entry.size > maxBytes) {
        throw new ParseError('TOO_LARGE', path, `is ${entry.size} bytes at ${label}, over the ${maxBytes}-byte limit`);
      }
      let bytes = blobs.get(entry.sha);
      if (!bytes) {
        bytes = readBlob(client, repository, path, entry);
        blobs.set(entry.sha, bytes);
        bytes.catch(() => blobs.delete(entry.sha));
      }
      return bytes;
    },
  };
}

interface TreeItem {
  readonly path?: string;
  readonly type?: string;
  readonly sha?: string;
  readonly size?: number;
}

async function readTree(client: GitHubRequester, repository: RepoRef, sha: string): Promise<Map<string, BlobEntry>> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...repository, tree_sha: sha, recursive: '1' });
  const files = new Map<string, BlobEntry>();
  if (!data.truncated) {
    addBlobs(files, '', data.tree);
    return files;
  }
  // Truncated (over 100,000 entries or 7 MB): walk the tree one directory at a time.
  const pending: { prefix: string; sha: string }[] = [{ prefix: '', sha: data.sha }];
  let requests = 0;
  for (let next = pending.shift(); next; next = pending.shift()) {
    if (++requests > MAX_TREE_REQUESTS) {
      throw new UpstreamError('BAD_RESPONSE', SERVICE, `the tree of ${repository.owner}/${repository.repo}@${sha} has more than ${MAX_TREE_REQUESTS} directories outside node_modules`);
    }
    const level = await client.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...repository, tree_sha: next.sha });
    addBlobs(files, next.prefix, level.data.tree);
    for (const item of level.data.tree as TreeItem[]) {
      if (item.type === 'tree' && item.path && item.sha && item.path !== 'node_modules') pending.push({ prefix: `${next.prefix}${item.path}/`, sha: item.sha });
    }
  }
  return files;
}

function addBlobs(files: Map<string, BlobEntry>, prefix: string, items: readonly TreeItem[]): void {
  for (const item of items) {
    if (item.type !== 'blob' || !item.path || !item.sha) continue;
    const path = `${prefix}${item.path}`;
    if (path.split('/').includes('node_modules')) continue;
    files.set(path, { sha: item.sha, size: item.size ?? 0 });
  }
}

async function readBlob(client: GitHubRequester, repository: RepoRef, path: string, entry: BlobEntry): Promise<Uint8Array> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { ...repository, file_sha: entry.sha });
  if (data.encoding !== 'base64' || typeof data.content !== 'string') {
    throw new UpstreamError('BAD_RESPONSE', 'GitHub git blobs API', `${path}: blob ${entry.sha} came back as ${String(data.encoding)}, not base64`);
  }
  // Base64 of `size` bytes is at most 4/3 of it plus line breaks: refuse anything longer before decoding.
  if (data.content.length > Math.ceil(entry.size / 3) * 4 + Math.ceil(entry.size / 45) + 8) {
    throw new UpstreamError('BAD_RESPONSE', 'GitHub git blobs API', `${path}: blob ${entry.sha} is longer than the ${entry.size} bytes its tree entry says`);
  }
  const bytes = Buffer.from(data.content, 'base64');
  if (bytes.byteLength !== entry.size) {
    throw new UpstreamError('BAD_RESPONSE', 'GitHub git blobs API', `${path}: blob ${entry.sha} is ${bytes.byteLength} bytes, its tree entry says ${entry.size}`);
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
