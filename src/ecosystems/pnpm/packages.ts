import { ParseError } from '../../core/errors.js';
import type { GraphBuilder } from '../../core/graph/builder.js';
import { npmPurl } from '../../core/graph/purl.js';
import { assertPackageName, assertVersion, quote } from '../shared/names.js';
import { isRecord } from '../shared/text.js';
import { splitKey, type KeyParts, type LockfileVersion } from './dialect.js';
import { peerNames } from './entries.js';
import { readResolution } from './source.js';

/** A snapshot (5.4 / 6.0: a package entry) placed in the graph. */
export interface PlacedSnapshot {
  readonly key: string;
  readonly id: string;
  /** Holds `dependencies` and `optionalDependencies`. */
  readonly entry: Record<string, unknown>;
  readonly peers: ReadonlySet<string>;
}

/**
 * Adds one package node per artefact. Peer variants of a package (keys that
 * differ only in their peer suffix) are the same artefact and share a node;
 * variants that disagree about the artefact are a conflict. In 9.0 the
 * metadata lives under `packages` and the variants under `snapshots`; before
 * 9.0 each variant is a `packages` entry carrying its own metadata.
 * @throws {ParseError} MALFORMED, CONFLICT, INVALID_NAME, LIMIT_EXCEEDED
 */
export function addPackages(
  builder: GraphBuilder,
  metadata: ReadonlyMap<string, unknown>,
  snapshots: ReadonlyMap<string, unknown>,
  version: LockfileVersion,
  path: string,
): PlacedSnapshot[] {
  const byBase = new Map<string, string>();
  const placed: PlacedSnapshot[] = [];
  for (const [key, value] of snapshots) {
    const entry = value ?? {};
    if (!isRecord(entry)) throw new ParseError('MALFORMED', path, `entry ${quote(key)} is not a mapping`);
    const parts = splitKey(key, version);
    const meta = version === '9.0' ? metadata.get(parts.base) : entry;
    if (!isRecord(meta)) throw new ParseError('MALFORMED', path, `snapshot ${quote(key)} has no entry ${quote(parts.base)} under packages`);
    const id = addNode(builder, parts, meta, version, key, path);
    const previous = byBase.get(parts.base);
    if (previous !== undefined && previous !== id) {
      throw new ParseError('CONFLICT', path, `peer variants of ${quote(parts.base)} record different artefacts`);
    }
    byBase.set(parts.base, id);
    placed.push({ key, id, entry, peers: peerNames(meta) });
  }
  // A 9.0 package without a snapshot is still locked; keep it (no edges are known for it).
  if (version === '9.0') {
    for (const [key, meta] of metadata) {
      if (byBase.has(key)) continue;
      if (!isRecord(meta)) throw new ParseError('MALFORMED', path, `package ${quote(key)} is not a mapping`);
      addNode(builder, splitKey(key, version), meta, version, key, path);
    }
  }
  return placed;
}

function addNode(
  builder: GraphBuilder,
  parts: KeyParts,
  meta: Record<string, unknown>,
  lockfileVersion: LockfileVersion,
  key: string,
  path: string,
): string {
  // Non-registry packages (git, tarball, file:) name themselves; registry ones are named by their key.
  const name = typeof meta.name === 'string' ? meta.name : parts.name;
  // pnpm leaves `version` out for a folder, git or tarball package whose package.json has none; its key
  // (`file:libs/x`) then names it, as 9.0 keys do (`x@file:libs/x`), rather than a made-up version.
  const version = typeof meta.version === 'string' ? meta.version : (parts.version ?? (name === undefined ? undefined : parts.base));
  if (name === undefined || version === undefined) {
    throw new ParseError('MALFORMED', path, `package ${quote(key)} has neither a registry key nor a name and version`);
  }
  assertPackageName(name, path);
  assertVersion(version, name, path);
  const origin = readResolution(meta.resolution, key, path);
  return builder.addPackage({
    name,
    version,
    purl: npmPurl(name, version),
    ...origin,
    // Before 9.0 pnpm writes `requiresBuild: true` for packages with install scripts (and, lacking
    // the manifest, for every optional one); 9.0 dropped the field, so nothing can be said.
    hasInstallScript: lockfileVersion === '9.0' ? undefined : meta.requiresBuild === true,
  });
}
