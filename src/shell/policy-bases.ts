import { ConfigError } from '../core/errors.js';
import { joinPath, parsePolicy, type PolicySource } from '../core/policy/index.js';

const MAX_EXTENDS_FILES = 16;

/** Reads a policy file from the place a layer came from; `undefined` when it does not exist. */
export type PolicyReader = (path: string) => Promise<string | undefined>;

/**
 * The files the layers' `extends` name by path, read from the same place as
 * the layer that names them (so a base-branch policy never extends a file
 * from the head). Built-in names (`chaingate:…`) need no file; a missing file
 * is left for resolvePolicy, which reports it with its line and column.
 * @throws {ConfigError} when the chain names more than 16 files
 */
export async function readPolicyBases(layers: readonly { readonly source: PolicySource; readonly read: PolicyReader }[]): Promise<PolicySource[]> {
  const bases: PolicySource[] = [];
  const pending = [...layers];
  const seen = new Set<string>();
  for (let next = pending.shift(); next; next = pending.shift()) {
    const { source, read } = next;
    const ref = parsePolicy(source.content, source.file).extends;
    if (!ref || ref.startsWith('chaingate:')) continue;
    const path = joinPath(source.file, ref);
    if (seen.has(path)) continue;
    seen.add(path);
    if (seen.size > MAX_EXTENDS_FILES) throw new ConfigError('INVALID_VALUE', source.file, `extends more than ${MAX_EXTENDS_FILES} files`);
    const content = await read(path);
    if (content === undefined) continue;
    const base = { file: path, content };
    bases.push(base);
    pending.push({ source: base, read });
  }
  return bases;
}
