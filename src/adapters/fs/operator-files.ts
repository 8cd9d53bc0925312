import type { RepoFiles } from '../../core/ports.js';
import { readBounded } from './disk-repo.js';

/**
 * Files the operator names on the command line (`--policy`, `--org-policy`),
 * by absolute path: what their `extends` name is read next to them, never
 * from the working directory. Only regular files are read, bounded by size;
 * links are followed, as the operator chose the path. Nothing is listed.
 */
export function operatorFiles(): RepoFiles {
  return {
    label: 'the file system',
    listFiles: async () => [],
    // Paths joined by the policy reader lose their leading `/` (tree paths are relative to a root): it is `/` here.
    readFile: (path, maxBytes) => readBounded(path.startsWith('/') ? path : `/${path}`, path, maxBytes),
  };
}
