import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { Limits } from '../core/limits.js';
import type { RepoFiles } from '../core/ports.js';
import { joinPath, MAX_POLICY_BYTES, parsePolicy, type Policy, type PolicySource, resolvePolicy } from '../core/policy/index.js';
import { decodeInput } from '../ecosystems/shared/text.js';

/** Where a repository keeps its chaingate configuration, read from the base side. */
export const REPO_POLICY_PATH = '.github/chaingate.yml';
const MAX_EXTENDS_FILES = 16;

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

type Reader = (path: string) => Promise<string | undefined>;

/**
 * Resolves the policy that judges a change: built-in default < organisation
 * < repository. The repository layer comes from the base tree, never from the
 * head a pull request controls; files named by `extends` come from the same
 * place as the layer that names them.
 * @throws {ConfigError}
 */
export async function readPolicy(choice: PolicyChoice): Promise<{ policy: Policy; files: string[] }> {
  const disk: Reader = async (path) => {
    try {
      const bytes = await readFile(resolve(choice.cwd, path));
      return decodeInput(bytes, path, { ...choice.limits, maxBytes: MAX_POLICY_BYTES });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
  const tree: Reader | undefined = choice.baseTree
    ? async (path) => {
        const bytes = await choice.baseTree!.readFile(path, MAX_POLICY_BYTES);
        return bytes ? decodeInput(bytes, path, choice.limits) : undefined;
      }
    : undefined;

  const layers: { source: PolicySource; read: Reader }[] = [];
  if (choice.orgFile) layers.push({ source: await required(disk, choice.orgFile), read: disk });
  if (choice.explicitFile) {
    layers.push({ source: await required(disk, choice.explicitFile), read: disk });
  } else if (tree) {
    const content = await tree(REPO_POLICY_PATH);
    if (content !== undefined) layers.push({ source: { file: REPO_POLICY_PATH, content }, read: tree });
  }

  const bases: PolicySource[] = [];
  const pending = layers.map((l) => ({ ...l }));
  const seen = new Set<string>();
  while (pending.length > 0) {
    const { source, read } = pending.shift()!;
    const extendsRef = parsePolicy(source.content, source.file).extends;
    if (!extendsRef || extendsRef.startsWith('chaingate:')) continue;
    const path = joinPath(source.file, extendsRef);
    if (seen.has(path)) continue;
    seen.add(path);
    if (seen.size > MAX_EXTENDS_FILES) throw new ConfigError('INVALID_VALUE', source.file, `extends more than ${MAX_EXTENDS_FILES} files`);
    const content = await read(path);
    if (content === undefined) continue; // resolvePolicy reports the missing file with its line and column.
    const base = { file: path, content };
    bases.push(base);
    pending.push({ source: base, read });
  }
  const policy = resolvePolicy(
    layers.map((l) => l.source),
    bases,
  );
  return { policy, files: [...layers.map((l) => l.source.file), ...bases.map((b) => b.file)] };
}

async function required(read: Reader, path: string): Promise<PolicySource> {
  const content = await read(path);
  if (content === undefined) throw new ConfigError('NOT_FOUND', path, 'no such policy file');
  return { file: path, content };
}
