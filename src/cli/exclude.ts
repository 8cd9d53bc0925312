import { UsageError } from '../core/errors.js';
import { compileGlob, isValidGlob } from '../core/policy/glob.js';

/**
 * `--exclude GLOB` (repeatable): leaves out a lockfile when a glob matches its
 * path or one of its folders, so `test/fixtures`, `test/**` and
 * `**\/examples/**` all work. Globs as in policies: `*` within a segment,
 * `**` across, `?` one character.
 * @throws {UsageError} for an empty or malformed glob
 */
export function excludeMatcher(globs: readonly string[] | undefined): ((path: string) => boolean) | undefined {
  if (!globs || globs.length === 0) return undefined;
  const matchers = globs.map((glob) => {
    const pattern = glob.replace(/^\.\//u, '').replace(/\/+$/u, '');
    if (!isValidGlob(pattern)) throw new UsageError('BAD_ARGUMENT', `--exclude ${JSON.stringify(glob)} is not a glob (e.g. test/fixtures, "**/examples/**")`);
    return compileGlob(pattern);
  });
  return (path) => {
    const segments = path.split('/');
    for (let end = 1; end <= segments.length; end++) {
      const prefix = segments.slice(0, end).join('/');
      if (matchers.some((match) => match(prefix))) return true;
    }
    return false;
  };
}
