import { ParseError } from '../../core/errors.js';
import type { SourceKind } from '../../core/model.js';
import { assertPackageName, assertVersion, quote } from '../shared/names.js';
import { isRecord } from '../shared/text.js';

/** The dependency groups of a `packages` entry's info object (and of a workspace). */
export interface BunInfo {
  readonly dependencies?: unknown;
  readonly devDependencies?: unknown;
  readonly optionalDependencies?: unknown;
  readonly peerDependencies?: unknown;
  readonly optionalPeers?: unknown;
  readonly hasInstallScript?: unknown;
}

/** One `packages` value, decoded by resolution kind. */
export interface BunEntry {
  readonly name: string;
  /** Registry version, or the resolution for other kinds (`file:../dir`, `git+…#sha`, tarball URL). */
  readonly version: string;
  readonly source: SourceKind;
  readonly resolved?: string | undefined;
  readonly integrity?: string | undefined;
  readonly info: BunInfo;
  /** For `workspace:` entries: the workspace path. */
  readonly workspacePath?: string | undefined;
  /** `name@root:` entries describe the project itself and are not dependencies. */
  readonly isRoot: boolean;
}

/**
 * Decodes a `packages` tuple. Shapes, from bun's lockfile writer (`src/install/lockfile/bun.lock.zig`):
 *   npm       [ "name@version", registry-or-"", INFO, integrity ]
 *   symlink   [ "name@link:path", INFO ]
 *   folder    [ "name@file:path", INFO ]
 *   workspace [ "name@workspace:path" ]
 *   tarball   [ "name@url-or-path", INFO, integrity? ]
 *   root      [ "name@root:", { bin, binDir } ]
 *   git       [ "name@git+repo#sha", INFO, bun-tag ]
 *   github    [ "name@github:user/repo#sha", INFO, bun-tag ]
 * @throws {ParseError} MALFORMED or INVALID_NAME
 */
export function decodeEntry(key: string, value: unknown, file: string): BunEntry {
  if (!Array.isArray(value) || typeof value[0] !== 'string') {
    throw new ParseError('MALFORMED', file, `package ${quote(key)} is not a ["name@resolution", …] array`);
  }
  const id = value[0];
  const at = id.indexOf('@', 1);
  if (at < 0) throw new ParseError('MALFORMED', file, `package ${quote(key)} has no name@resolution (${quote(id)})`);
  const name = id.slice(0, at);
  const resolution = id.slice(at + 1);
  assertPackageName(name, file);
  if (resolution.startsWith('workspace:')) {
    return { name, version: resolution, source: 'workspace', info: infoAt(value, 1, key, file), workspacePath: resolution.slice(10), isRoot: false };
  }
  if (resolution.startsWith('root:')) return { name, version: resolution, source: 'workspace', info: {}, isRoot: true };
  assertVersion(resolution, name, file);
  if (typeof value[1] === 'string') {
    // npm: the registry is written only when it is not the default one.
    return {
      name,
      version: resolution,
      source: 'registry',
      resolved: value[1] === '' ? undefined : value[1],
      info: infoAt(value, 2, key, file),
      integrity: stringAt(value, 3, key, file),
      isRoot: false,
    };
  }
  const info = infoAt(value, 1, key, file);
  if (resolution.startsWith('link:')) return { name, version: resolution, source: 'link', resolved: resolution, info, isRoot: false };
  if (resolution.startsWith('file:')) return { name, version: resolution, source: 'file', resolved: resolution, info, isRoot: false };
  if (resolution.startsWith('git+') || resolution.startsWith('github:')) {
    // The third element is bun's tag (the commit), not an integrity.
    return { name, version: resolution, source: 'git', resolved: resolution, info, isRoot: false };
  }
  const remote = /^https?:\/\//i.test(resolution);
  return {
    name,
    version: resolution,
    source: remote ? 'remote' : 'file',
    resolved: resolution,
    info,
    integrity: stringAt(value, 2, key, file),
    isRoot: false,
  };
}

function infoAt(value: unknown[], index: number, key: string, file: string): BunInfo {
  const info = value[index];
  if (info === undefined) return {};
  if (!isRecord(info)) throw new ParseError('MALFORMED', file, `package ${quote(key)} has no info object at position ${index + 1}`);
  return info;
}

function stringAt(value: unknown[], index: number, key: string, file: string): string | undefined {
  const item = value[index];
  if (item === undefined || item === '') return undefined;
  if (typeof item !== 'string') throw new ParseError('MALFORMED', file, `package ${quote(key)} has a non-string integrity`);
  return item;
}
