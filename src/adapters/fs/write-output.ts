import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { UsageError } from '../../core/errors.js';

/**
 * Writes a report or SBOM to a path in a directory a pull request may have
 * shaped: a symbolic link planted at that path is refused, not followed, so
 * the write cannot land on a file elsewhere (a workflow file, a credential
 * helper, the advisories the next run reads).
 * @throws {UsageError} BAD_ARGUMENT when the path is a symbolic link
 */
export async function writeOutput(path: string, content: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new UsageError('BAD_ARGUMENT', `${path} is a symbolic link: chaingate does not write through one (remove it or choose another output path)`, { cause: error });
    }
    throw error;
  }
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}
