import { ParseError } from '../../core/errors.js';
import { isRecord } from '../shared/text.js';

/**
 * Turns the root's `workspaces` globs (`["packages/*"]` or `{ packages: [...] }`)
 * into a test for folder keys of the `packages` map. Supports `*`, `**`, `?`
 * and `!` negation, which covers what npm's map-workspaces accepts in practice.
 * A folder outside the project (`../x`, `/x`) is never a workspace.
 */
export function workspaceMatcher(field: unknown, path: string): (folder: string) => boolean {
  if (field === undefined) return () => false;
  if (!Array.isArray(field) && !isRecord(field)) {
    throw new ParseError('MALFORMED', path, 'has root workspaces that are neither a list of globs nor an object with packages');
  }
  const patterns = Array.isArray(field) ? field : field.packages;
  if (patterns === undefined) return () => false;
  if (!Array.isArray(patterns)) throw new ParseError('MALFORMED', path, 'has root workspaces that are not a list of globs');
  const include: RegExp[] = [];
  const exclude: RegExp[] = [];
  for (const pattern of patterns) {
    if (typeof pattern !== 'string') throw new ParseError('MALFORMED', path, 'has a root workspaces glob that is not a string');
    if (pattern.startsWith('!')) exclude.push(globToRegExp(pattern.slice(1)));
    else include.push(globToRegExp(pattern));
  }
  return (folder) => {
    if (folder.startsWith('/') || folder === '..' || folder.startsWith('../') || folder.includes('/../')) return false;
    return include.some((r) => r.test(folder)) && !exclude.some((r) => r.test(folder));
  };
}

function globToRegExp(glob: string): RegExp {
  const normalised = glob.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  let source = '';
  for (let i = 0; i < normalised.length; i++) {
    const c = normalised[i] ?? '';
    if (c === '*' && normalised[i + 1] === '*') {
      const slash = normalised[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
