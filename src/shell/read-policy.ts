import { resolve } from 'node:path';
import { readBounded } from '../adapters/fs/disk-repo.js';
import { ConfigError } from '../core/errors.js';
import type { Limits } from '../core/limits.js';
import type { RepoFiles } from '../core/ports.js';
import { MAX_POLICY_BYTES, type Policy, type PolicySource, resolvePolicy } from '../core/policy/index.js';
import { decodeInput } from '../ecosystems/shared/text.js';
import { type PolicyReader, readPolicyBases } from './policy-bases.js';

/** Where a repository keeps its chaingate configuration, read from the base side. */
export const REPO_POLICY_PATH = '.github/chaingate.yml';

export interface PolicyChoice {
  /** `--policy FILE`: an explicit repository layer from disk, used instead of the base tree's file. */
  readonly explicitFile?: string | undefined;
  /** `--org-policy FILE`: the organisation's defaults (its `.github` repository's chaingate.yml). */
  readonly orgFile?: string | undefined;
  /** The base tree, whose `.github/chaingate.yml` is the repository layer unless `--policy` is given. */
  readonly baseTree?: RepoFiles | undefined;
  readonly cwd: string;
  readonly limits: Limits;
}


/**
 * Resolves the policy that judges a change: built-in default < organisation
 * < repository. The repository layer comes from the base tree, never from the
 * head a pull request controls; files named by `extends` come from the same
 * place as the layer that names them.
 * @throws {ConfigError}
 */
export async function readPolicy(choice: PolicyChoice): Promise<{ policy: Policy; files: string[] }> {
  const disk: PolicyReader = async (path) => {
    const bytes = await readBounded(resolve(choice.cwd, path), path, MAX_POLICY_BYTES);
    return bytes ? decodeInput(bytes, path, choice.limits) : undefined;
  };
  const tree: PolicyReader | undefined = choice.baseTree
    ? async (path) => {
        const bytes = await choice.baseTree!.readFile(path, MAX_POLICY_BYTES);
        return bytes ? decodeInput(bytes, path, choice.limits) : undefined;
      }
    : undefined;

  const layers: { source: PolicySource; read: PolicyReader }[] = [];
  if (choice.orgFile) layers.push({ source: await required(disk, choice.orgFile), read: disk });
  if (choice.explicitFile) {
    layers.push({ source: await required(disk, choice.explicitFile), read: disk });
  } else if (tree) {
    const content = await tree(REPO_POLICY_PATH);
    if (content !== undefined) layers.push({ source: { file: REPO_POLICY_PATH, content }, read: tree });
  }

  const bases = await readPolicyBases(layers);
  const policy = resolvePolicy(
    layers.map((l) => l.source),
    bases,
  );
  return { policy, files: [...layers.map((l) => l.source.file), ...bases.map((b) => b.file)] };
}

async function required(read: PolicyReader, path: string): Promise<PolicySource> {
  const content = await read(path);
  if (content === undefined) throw new ConfigError('NOT_FOUND', path, 'no such policy file');
  return { file: path, content };
}
