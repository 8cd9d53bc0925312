import type { GraphBuilder } from '../../core/graph/builder.js';
import { npmPurl } from '../../core/graph/purl.js';
import { assertPackageName, assertVersion } from '../shared/names.js';
import type { OpenSibling } from '../types.js';
import { readWorkspaceLabel } from './manifest.js';

/**
 * The folder a `link:<dir>` reference of an importer points at, relative to
 * the lockfile's directory: `link:../shared` from `packages/api` is
 * `packages/shared`, `link:packages/shared` from `.` too. A folder outside the
 * project keeps its leading `..` (`link:../linked` from `.` is `../linked`);
 * the lockfile's own folder is `.`.
 */
export function linkFolder(importer: string, reference: string): string {
  const target = reference.slice('link:'.length).replaceAll('\\', '/');
  const parts = importer === '.' || target.startsWith('/') ? [] : importer.split('/');
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else parts.push(segment);
  }
  const folder = parts.join('/');
  if (target.startsWith('/')) return `/${folder}`;
  return folder === '' ? '.' : folder;
}

/**
 * Adds a linked folder that is not an importer as a package node with source
 * `link`, as the npm parser does for a linked folder: pnpm's lockfile records
 * neither its name nor its version, so they come from `<folder>/package.json`
 * when it is inside the project and can be opened, else the folder's name and
 * `file:<folder>`. `resolved` is `file:<folder>`, as npm writes it.
 * @throws {ParseError} INVALID_NAME for a name (or folder name) that is not a package name; MALFORMED for an unreadable package.json
 */
export async function addLinkedFolder(
  builder: GraphBuilder,
  folder: string,
  open: OpenSibling | undefined,
  path: string,
): Promise<string> {
  const inside = !folder.startsWith('/') && folder !== '..' && !folder.startsWith('../');
  const label = inside ? await readWorkspaceLabel(open, folder, path) : undefined;
  const name = label?.name ?? folder.slice(folder.lastIndexOf('/') + 1);
  assertPackageName(name, path);
  // A made-up `0.0.0` would name a release of a registry package of the same name; the folder spec names only this folder.
  const version = label?.version ?? `file:${folder}`;
  assertVersion(version, name, path);
  return builder.addPackage({
    name,
    version,
    purl: npmPurl(name, version),
    resolved: `file:${folder}`,
    source: 'link',
  });
}
