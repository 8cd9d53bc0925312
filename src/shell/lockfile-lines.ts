import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Limits } from '../core/limits.js';
import { indexPackageLines, type LockfileLines } from '../core/report/lockfile-lines.js';
import { decodeInput } from '../ecosystems/shared/text.js';
import type { DependencyGraph } from '../core/model.js';
import type { RepoFiles } from '../core/ports.js';

/** The line of every package entry in the head's lockfiles, for SARIF locations and annotations. */
export async function readLockfileLines(tree: { readonly graphs: readonly DependencyGraph[]; readonly files?: RepoFiles | undefined }, limits: Limits, cwd = '.'): Promise<LockfileLines> {
  const lines = new Map<string, ReadonlyMap<string, number>>();
  for (const graph of tree.graphs) {
    const bytes = tree.files ? await tree.files.readFile(graph.path, limits.maxBytes) : await readFile(resolve(cwd, graph.path));
    if (bytes) lines.set(graph.path, indexPackageLines(decodeInput(bytes, graph.path, limits), graph.format));
  }
  return lines;
}
