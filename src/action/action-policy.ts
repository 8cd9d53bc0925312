import { ConfigError } from '../core/errors.js';
import type { Limits } from '../core/limits.js';
import type { RepoFiles } from '../core/ports.js';
import { joinPath, MAX_POLICY_BYTES, type Policy, type PolicySource, resolvePolicy } from '../core/policy/index.js';
import { decodeInput } from '../ecosystems/shared/text.js';
import { readPolicyBases } from '../shell/policy-bases.js';
import { REPO_POLICY_PATH } from '../shell/read-policy.js';

export interface ActionPolicyChoice {
  /** The tree the policy is read from: the base of a pull request, the scanned ref otherwise. Never a PR head. */
  readonly tree: RepoFiles;
  /** The `policy` input: a path in that tree used instead of `.github/chaingate.yml`. */
  readonly policyPath?: string | undefined;
  /** The layer built from the workflow's dependency-review-style inputs, stacked on top. */
  readonly inputLayer?: PolicySource | undefined;
  readonly limits: Limits;
}

/**
 * The policy that judges the run: chaingate:default < the repository's
 * policy (from the trusted tree) < the workflow inputs. Like the CLI's
 * readPolicy, `extends` paths are read from the same tree.
 * @throws {ConfigError} NOT_FOUND when the `policy` input names a missing file; what resolvePolicy throws
 */
export async function readActionPolicy(choice: ActionPolicyChoice): Promise<{ policy: Policy; files: string[] }> {
  const read = async (path: string): Promise<string | undefined> => {
    const bytes = await choice.tree.readFile(path, MAX_POLICY_BYTES);
    return bytes ? decodeInput(bytes, path, choice.limits) : undefined;
  };
  const layers: PolicySource[] = [];
  const repoPath = choice.policyPath ? joinPath('', choice.policyPath) : REPO_POLICY_PATH;
  const repoContent = await read(repoPath);
  if (repoContent !== undefined) layers.push({ file: repoPath, content: repoContent });
  else if (choice.policyPath) throw new ConfigError('NOT_FOUND', repoPath, `the policy input names no file at ${choice.tree.label}: commit it to the base branch or fix the path`);

  const bases = await readPolicyBases(layers.map((source) => ({ source, read })));
  if (choice.inputLayer) layers.push(choice.inputLayer);
  return { policy: resolvePolicy(layers, bases), files: [...layers.map((l) => l.file), ...bases.map((b) => b.file)] };
}
