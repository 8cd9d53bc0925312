import { ConfigError, ParseError } from '../errors.js';
import type { RepoFiles } from '../ports.js';
import { readText } from '../read-text.js';
import type { Policy, PolicySource } from './policy.js';
import { parsePolicy } from './parse.js';
import { joinPath, resolvePolicy } from './resolve.js';
import { MAX_POLICY_BYTES } from './yaml-source.js';

/** Where a repository keeps its chaingate configuration, read from the base side. */
export const REPO_POLICY_PATH = '.github/chaingate.yml';

const MAX_EXTENDS_FILES = 16;

/** A policy file in one tree: the base revision, the organisation's `.github` repository, the file system. */
export interface PolicyFile {
  /** The tree it is read from; every file its `extends` names is read from the same tree. */
  readonly files: RepoFiles;
  /** Its path in that tree. */
  readonly path: string;
  /** Names the tree in messages and keeps `extends` of two trees apart (see {@link PolicySource.place}). */
  readonly place: string;
  /** A missing file is an error (a file the user named) rather than an absent layer. */
  readonly required: boolean;
}

/**
 * The layers that judge a change, least specific first: built-in default <
 * organisation < repository < inputs. Every file comes from a trusted side
 * (the base revision, the organisation, the operator's own disk), never from
 * the head a pull request controls.
 */
export interface PolicyLayers {
  /** The organisation's defaults (CLI `--org-policy`; the App: `chaingate.yml` of the org's `.github` repository). */
  readonly organisation?: PolicyFile | undefined;
  /** The repository's policy: `.github/chaingate.yml` of the base tree, or a file the user named. */
  readonly repository?: PolicyFile | undefined;
  /** A layer a shell builds from its own settings (the Action's dependency-review-style inputs), on top. */
  readonly inputs?: PolicySource | undefined;
}

/** The repository layer: a named file of the tree (required), else its `.github/chaingate.yml` when present. */
export function repositoryPolicy(files: RepoFiles, place: string, path?: string): PolicyFile {
  return path === undefined ? { files, path: REPO_POLICY_PATH, place, required: false } : { files, path: joinPath('', path), place, required: true };
}

/**
 * Reads the layers and every file their `extends` chains name (each from the
 * tree of the file that names it), and resolves the policy.
 * @throws {ConfigError} NOT_FOUND for a required file that is missing; TOO_LARGE over the policy size limit;
 *   INVALID_VALUE when the chains name more than 16 files; what {@link resolvePolicy} throws
 */
export async function readPolicy(layers: PolicyLayers): Promise<{ policy: Policy; files: string[] }> {
  const read: { source: PolicySource; from: PolicyFile }[] = [];
  for (const layer of [layers.organisation, layers.repository]) {
    if (!layer) continue;
    const content = await readPolicyText(layer, layer.path);
    if (content !== undefined) read.push({ source: { file: layer.path, content, place: layer.place }, from: layer });
    else if (layer.required) throw new ConfigError('NOT_FOUND', layer.path, `no such policy file in ${layer.files.label}`);
  }
  const bases = await readBases(read);
  const sources = [...read.map((r) => r.source), ...(layers.inputs ? [layers.inputs] : [])];
  return { policy: resolvePolicy(sources, bases), files: [...sources.map((s) => s.file), ...bases.map((b) => b.file)] };
}

/**
 * The files the layers' `extends` name by path, read from the same tree as
 * the layer that names them (so a base-branch policy never extends a file
 * from the head, and a policy on disk never one from the working directory).
 * Built-in names (`chaingate:…`) need no file; a missing file is left for
 * resolvePolicy, which reports it with its line and column.
 */
async function readBases(layers: readonly { source: PolicySource; from: PolicyFile }[]): Promise<PolicySource[]> {
  const bases: PolicySource[] = [];
  const pending = [...layers];
  const seen = new Set<string>();
  for (let next = pending.shift(); next; next = pending.shift()) {
    const { source, from } = next;
    const ref = parsePolicy(source.content, source.file).extends;
    if (!ref || ref.startsWith('chaingate:')) continue;
    const path = joinPath(source.file, ref);
    const key = `${from.place}\u0000${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > MAX_EXTENDS_FILES) throw new ConfigError('INVALID_VALUE', source.file, `extends more than ${MAX_EXTENDS_FILES} files`);
    const content = await readPolicyText(from, path);
    if (content === undefined) continue;
    const base = { file: path, content, place: from.place };
    bases.push(base);
    pending.push({ source: base, from });
  }
  return bases;
}

async function readPolicyText(from: PolicyFile, path: string): Promise<string | undefined> {
  try {
    return await readText(from.files, path, MAX_POLICY_BYTES);
  } catch (error) {
    // Policies have a fixed limit, whichever shell reads them: no flag raises it.
    if (error instanceof ParseError && error.code === 'TOO_LARGE') {
      throw new ConfigError('TOO_LARGE', path, `is larger than ${MAX_POLICY_BYTES / 1024} KiB, the most a policy may be`, { cause: error });
    }
    throw error;
  }
}
