import type { RepoFiles } from './ports.js';

/**
 * The same tree, each file read at most once: for work that reads a file
 * twice on purpose (a digest of the dependency files, then a parse of the
 * changed ones), so a tree read through the network or from disk is not
 * fetched again. Answers are kept per path with the largest limit asked;
 * a smaller limit than a kept answer is still enforced by the reader.
 */
export function readOnce(files: RepoFiles): RepoFiles {
  const reads = new Map<string, { maxBytes: number; bytes: Promise<Uint8Array | undefined> }>();
  let listing: Promise<readonly string[]> | undefined;
  return {
    label: files.label,
    listFiles: () => (listing ??= files.listFiles()),
    readFile: async (path, maxBytes) => {
      const kept = reads.get(path);
      if (kept && kept.maxBytes >= maxBytes) {
        const bytes = await kept.bytes;
        if (bytes === undefined || bytes.byteLength <= maxBytes) return bytes;
      }
      const bytes = files.readFile(path, maxBytes);
      reads.set(path, { maxBytes, bytes });
      return bytes;
    },
  };
}
