import { readRepositoryFile, type GitHubRequester, type RepoRef } from '../adapters/github/index.js';
import { ConfigError } from '../core/errors.js';
import type { RepoFiles } from '../core/ports.js';
import { MAX_POLICY_BYTES } from '../core/policy/index.js';
import { type PolicyFile, type PolicyLayers, REPO_POLICY_PATH } from '../core/policy/read-policy.js';
import { readText, tooLarge } from '../core/read-text.js';

/** Probot's convention: the organisation's defaults live in its `.github` repository. */
const ORG_REPOSITORY = '.github';
/** `_extends: repo`, `_extends: owner/repo` or either with `:path/to/file.yml` (Probot's convention). */
const EXTENDS_LINE = /^_extends:[ \t]*["']?([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)?)(?::([^\s"'#]+))?["']?[ \t]*(?:#.*)?$/mu;

export interface BasePolicyInput {
  readonly client: GitHubRequester;
  readonly repository: RepoRef;
  /** The base commit of the change: its `.github/chaingate.yml` is the repository layer. Never the head. */
  readonly base: RepoFiles;
}

/**
 * The policy layers that judge a pull request, all from places the pull
 * request cannot change: built-in default < the organisation's defaults (the
 * default branch of `OWNER/.github`, `.github/chaingate.yml`, as Probot reads
 * configuration) < the base commit's `.github/chaingate.yml`. When the
 * repository's file starts with Probot's `_extends: [owner/]repo[:path]`,
 * the named file replaces the organisation layer. `extends` paths are read
 * from the repository that holds the file naming them (checkTrees' one
 * policy reader does that).
 * @throws {ConfigError} NOT_FOUND when `_extends` names a file that cannot be read
 */
export async function basePolicyLayers(input: BasePolicyInput): Promise<PolicyLayers> {
  const { client, repository, base } = input;
  const repoContent = await readText(base, REPO_POLICY_PATH, MAX_POLICY_BYTES);
  const extendsMatch = repoContent === undefined ? null : EXTENDS_LINE.exec(repoContent);
  let organisation: PolicyFile | undefined;
  if (extendsMatch) {
    const named = extendsMatch[1]!;
    const [owner, repo] = named.includes('/') ? named.split('/') : [repository.owner, named];
    const target = { owner: owner!, repo: repo! };
    const path = extendsMatch[2] ?? REPO_POLICY_PATH;
    organisation = await remoteLayer(client, target, path, true);
    if (!organisation) throw new ConfigError('NOT_FOUND', REPO_POLICY_PATH, `_extends names ${target.owner}/${target.repo}:${path}, which does not exist or this App cannot read`);
  } else {
    organisation = await remoteLayer(client, { owner: repository.owner, repo: ORG_REPOSITORY }, REPO_POLICY_PATH, false);
  }
  if (!extendsMatch) return { organisation, repository: { files: base, path: REPO_POLICY_PATH, place: 'base', required: false } };
  // `_extends` is Probot's key, not the policy's: blank its line so line numbers in errors stay true.
  const content = repoContent!.replace(EXTENDS_LINE, '');
  // A file that only says `_extends` adds no layer of its own.
  const onlyExtends = /^\s*$/u.test(content.replace(/^\s*#.*$/gmu, ''));
  const files = withFile(base, REPO_POLICY_PATH, onlyExtends ? undefined : content);
  return { organisation, repository: { files, path: REPO_POLICY_PATH, place: 'base', required: false } };
}

/**
 * A layer from another repository's default branch. Its files are named
 * `owner/repo/path`, so messages say where they are and its `extends` can
 * only reach files of that repository.
 */
async function remoteLayer(client: GitHubRequester, repository: RepoRef, path: string, required: boolean): Promise<PolicyFile | undefined> {
  const prefix = `${repository.owner}/${repository.repo}/`;
  // Each file is asked for once: the layer is probed here and read again by the policy reader.
  const fetched = new Map<string, Promise<string | undefined>>();
  const files: RepoFiles = {
    label: `${repository.owner}/${repository.repo}`,
    listFiles: async () => [],
    readFile: async (file, maxBytes) => {
      if (!file.startsWith(prefix)) return undefined;
      let content = fetched.get(file);
      if (!content) {
        content = readRepositoryFile(client, repository, file.slice(prefix.length), MAX_POLICY_BYTES);
        fetched.set(file, content);
      }
      const text = await content;
      if (text === undefined) return undefined;
      const bytes = new TextEncoder().encode(text);
      if (bytes.length > maxBytes) throw tooLarge(file, bytes.length, maxBytes);
      return bytes;
    },
  };
  const file = `${prefix}${path.replace(/^\/+/u, '')}`;
  if ((await files.readFile(file, MAX_POLICY_BYTES)) === undefined) return undefined;
  return { files, path: file, place: prefix.slice(0, -1), required };
}

/** `files` with one file's content replaced (`undefined`: the file is absent). */
function withFile(files: RepoFiles, path: string, content: string | undefined): RepoFiles {
  return {
    label: files.label,
    listFiles: () => files.listFiles(),
    readFile: async (file, maxBytes) => {
      if (file !== path) return files.readFile(file, maxBytes);
      return content === undefined ? undefined : new TextEncoder().encode(content);
    },
  };
}
