import { readRepositoryFile, type GitHubRequester, type RepoRef } from '../adapters/github/index.js';
import { ConfigError } from '../core/errors.js';
import type { Limits } from '../core/limits.js';
import type { RepoFiles } from '../core/ports.js';
import { MAX_POLICY_BYTES, type Policy, type PolicySource, resolvePolicy } from '../core/policy/index.js';
import { decodeInput } from '../ecosystems/shared/text.js';
import { type PolicyReader, readPolicyBases } from '../shell/policy-bases.js';
import { REPO_POLICY_PATH } from '../shell/read-policy.js';

/** Probot's convention: the organisation's defaults live in its `.github` repository. */
const ORG_REPOSITORY = '.github';
/** `_extends: repo`, `_extends: owner/repo` or either with `:path/to/file.yml` (Probot's convention). */
const EXTENDS_LINE = /^_extends:[ \t]*["']?([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)?)(?::([^\s"'#]+))?["']?[ \t]*(?:#.*)?$/mu;

export interface BasePolicyInput {
  readonly client: GitHubRequester;
  readonly repository: RepoRef;
  /** The base commit of the change: its `.github/chaingate.yml` is the repository layer. Never the head. */
  readonly base: RepoFiles;
  readonly limits: Limits;
}

/**
 * The policy that judges a pull request, all from places the pull request
 * cannot change: built-in default < the organisation's defaults (the
 * default branch of `OWNER/.github`, `.github/chaingate.yml`, as Probot reads
 * configuration) < the base commit's `.github/chaingate.yml`. When the
 * repository's file starts with Probot's `_extends: [owner/]repo[:path]`,
 * the named file replaces the organisation layer. `extends` paths are read
 * from the repository that holds the file naming them.
 * @throws {ConfigError}
 */
export async function readBasePolicy(input: BasePolicyInput): Promise<{ policy: Policy; files: string[] }> {
  const { client, repository, base, limits } = input;
  const readBase: PolicyReader = async (path) => {
    const bytes = await base.readFile(path, MAX_POLICY_BYTES);
    return bytes ? decodeInput(bytes, path, limits) : undefined;
  };
  const layers: { source: PolicySource; read: PolicyReader }[] = [];
  const repoContent = await readBase(REPO_POLICY_PATH);
  const extendsMatch = repoContent === undefined ? null : EXTENDS_LINE.exec(repoContent);
  if (extendsMatch) {
    const [owner, repo] = extendsMatch[1]!.includes('/') ? extendsMatch[1]!.split('/') : [repository.owner, extendsMatch[1]!];
    const target = { owner: owner!, repo: repo! };
    const path = extendsMatch[2] ?? REPO_POLICY_PATH;
    const layer = await remoteLayer(client, target, path, limits);
    if (!layer) throw new ConfigError('NOT_FOUND', REPO_POLICY_PATH, `_extends names ${target.owner}/${target.repo}:${path}, which does not exist or this App cannot read`);
    layers.push(layer);
  } else {
    const layer = await remoteLayer(client, { owner: repository.owner, repo: ORG_REPOSITORY }, REPO_POLICY_PATH, limits);
    if (layer) layers.push(layer);
  }
  // `_extends` is Probot's key, not the policy's: blank its line so line numbers in errors stay true.
  const content = extendsMatch ? repoContent!.replace(EXTENDS_LINE, '') : repoContent;
  // A file that only says `_extends` adds no layer of its own.
  if (content !== undefined && !(extendsMatch && /^\s*$/u.test(content.replace(/^\s*#.*$/gmu, '')))) {
    layers.push({ source: { file: REPO_POLICY_PATH, content }, read: readBase });
  }
  const bases = await readPolicyBases(layers);
  const policy = resolvePolicy(layers.map((l) => l.source), bases);
  return { policy, files: [...layers.map((l) => l.source.file), ...bases.map((b) => b.file)] };
}

/** A layer from another repository's default branch, named `owner/repo/path` so its files never collide with the base's. */
async function remoteLayer(client: GitHubRequester, repository: RepoRef, path: string, limits: Limits): Promise<{ source: PolicySource; read: PolicyReader } | undefined> {
  const prefix = `${repository.owner}/${repository.repo}/`;
  const read: PolicyReader = async (file) => {
    if (!file.startsWith(prefix)) return undefined;
    const content = await readRepositoryFile(client, repository, file.slice(prefix.length), MAX_POLICY_BYTES);
    if (content !== undefined) decodeInput(Buffer.from(content), file, limits);
    return content;
  };
  const file = `${prefix}${path.replace(/^\/+/u, '')}`;
  const content = await read(file);
  return content === undefined ? undefined : { source: { file, content }, read };
}
