import { GraphBuilder } from '../../src/core/graph/builder.js';
import { npmPurl } from '../../src/core/graph/purl.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import type { DependencyGraph, DependencyKind, GraphWarningCode, SourceKind } from '../../src/core/model.js';

export interface PackageSpec {
  readonly deps?: readonly string[];
  readonly integrity?: string;
  readonly resolved?: string;
  readonly source?: SourceKind;
  readonly license?: string;
}

export interface GraphSpec {
  readonly path?: string;
  /** workspace id → { "name@version": kind } */
  readonly workspaces: Record<string, Record<string, DependencyKind>>;
  /** "name@version" → spec; every package an edge names must be listed. */
  readonly packages: Record<string, PackageSpec>;
  /** Gaps the lockfile leaves, as a parser would record them. */
  readonly warnings?: readonly { code: GraphWarningCode; from: string; reference: string; message: string }[];
}

function splitId(id: string): [string, string] {
  const at = id.lastIndexOf('@');
  return [id.slice(0, at), id.slice(at + 1)];
}

/** Builds a small graph by hand for tests of what consumes graphs. */
export function graphOf(spec: GraphSpec): DependencyGraph {
  const builder = new GraphBuilder({ path: spec.path ?? 'package-lock.json', format: 'npm-package-lock', formatVersion: '3', limits: DEFAULT_LIMITS });
  const ids = new Map<string, string>();
  for (const [key, p] of Object.entries(spec.packages)) {
    const [name, version] = splitId(key);
    ids.set(key, builder.addPackage({ name, version, purl: npmPurl(name, version), integrity: p.integrity, resolved: p.resolved, source: p.source ?? 'registry', license: p.license }));
  }
  const idOf = (key: string): string => {
    const id = ids.get(key);
    if (!id) throw new Error(`test graph names unknown package ${key}`);
    return id;
  };
  for (const [key, p] of Object.entries(spec.packages)) {
    for (const dep of p.deps ?? []) builder.addPackageEdge(idOf(key), idOf(dep), splitId(dep)[0], 'prod');
  }
  for (const [workspace, deps] of Object.entries(spec.workspaces)) {
    builder.addWorkspace(workspace);
    for (const [dep, kind] of Object.entries(deps)) builder.addWorkspaceEdge(workspace, idOf(dep), splitId(dep)[0], kind);
  }
  for (const w of spec.warnings ?? []) builder.addWarning(w.code, w.from, w.reference, w.message);
  return builder.build();
}
