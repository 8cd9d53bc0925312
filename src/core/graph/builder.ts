import { ParseError } from '../errors.js';
import type { Limits } from '../limits.js';
import { redactCredentials } from '../redact.js';
import type {
  DependencyEdge,
  DependencyGraph,
  DependencyKind,
  GraphWarning,
  GraphWarningCode,
  LockfileFormat,
  PackageNode,
  SourceKind,
  Workspace,
} from '../model.js';
import { isWellFormedText } from './purl.js';
import { computeScopeFlags } from './scope-flags.js';

/** Shared by every package no workspace declares, so a graph allocates one set per direct package only. */
const NOT_DIRECT: ReadonlySet<string> = new Set();
// Past this many edges, a dependent's duplicate check uses a set instead of a scan (see isNewEdge).
const MANY_EDGES = 32;

type MutableNode = { -readonly [K in keyof PackageNode]: PackageNode[K] };

export interface PackageInput {
  readonly name: string;
  readonly version: string;
  readonly purl: string;
  readonly ecosystem?: string;
  readonly resolved?: string | undefined;
  readonly integrity?: string | undefined;
  readonly source: SourceKind;
  readonly hasInstallScript?: boolean | undefined;
  readonly license?: string | undefined;
}

export interface GraphHeader {
  readonly path: string;
  readonly format: LockfileFormat;
  readonly formatVersion: string;
  readonly limits: Limits;
}

/**
 * Collects workspaces, packages and edges while a parser walks a lockfile,
 * enforces the limits, and finishes the graph (direct workspaces, dev /
 * optional / peer flags computed from reachability, as npm does).
 */
export class GraphBuilder {
  private readonly workspaces = new Map<string, Workspace>();
  private readonly packages = new Map<string, PackageNode>();
  private readonly warnings: GraphWarning[] = [];
  private readonly warningKeys = new Set<string>();
  private edgeCount = 0;
  /** `to` + alias of each edge, for the edge lists too long to scan. */
  private readonly edgeKeys = new Map<DependencyEdge[], Set<string>>();
  // Parsers add a dependent's edges one after another, so the last one looked up is usually the next.
  private lastDependentId: string | undefined;
  private lastDependentEdges: DependencyEdge[] = [];

  constructor(private readonly header: GraphHeader) {}

  addWorkspace(id: string, name?: string, version?: string): Workspace {
    const existing = this.workspaces.get(id);
    if (existing) return existing;
    const workspace: Workspace = { id, name, version, dependencies: [], links: [] };
    this.workspaces.set(id, workspace);
    return workspace;
  }

  hasWorkspace(id: string): boolean {
    return this.workspaces.has(id);
  }

  /**
   * Adds a package and returns its id. The same name, version and artefact
   * twice gives the same id; the same name and version from another artefact
   * (different integrity or resolved source) gets an id of its own.
   * `input` is copied, not kept, so a caller may refill one object for every package.
   * Credentials in URL-like values (a git URL with a token in `version` or
   * `resolved`) are removed here, once for every parser, so no output can
   * show them; renderers remove them again as a second line of defence.
   */
  addPackage(given: PackageInput): string {
    if (!isWellFormedText(given.name) || !isWellFormedText(given.version)) {
      throw new ParseError('INVALID_NAME', this.header.path, `package ${JSON.stringify(`${given.name}@${given.version}`)} holds an unpaired UTF-16 surrogate`);
    }
    const input = withoutCredentials(given);
    const baseId = `${input.name}@${input.version}`;
    let id = baseId;
    for (let n = 2; ; n++) {
      const existing = this.packages.get(id);
      if (!existing) break;
      if (sameArtefact(existing, input)) return id;
      id = `${baseId}#${n}`;
    }
    if (this.packages.size >= this.header.limits.maxPackages) {
      throw new ParseError('LIMIT_EXCEEDED', this.header.path, `holds more than ${this.header.limits.maxPackages} packages`);
    }
    this.packages.set(id, {
      id,
      ecosystem: input.ecosystem ?? 'npm',
      name: input.name,
      version: input.version,
      purl: input.purl,
      resolved: input.resolved,
      integrity: input.integrity,
      source: input.source,
      hasInstallScript: input.hasInstallScript,
      license: input.license,
      dev: false,
      optional: false,
      peer: false,
      directIn: NOT_DIRECT,
      dependencies: [],
    });
    return id;
  }

  getPackage(id: string): PackageNode | undefined {
    return this.packages.get(id);
  }

  /** Adds an edge from a package id to a package id. Duplicate edges are ignored. */
  addPackageEdge(fromPackageId: string, toPackageId: string, alias: string, kind: DependencyKind): void {
    if (fromPackageId !== this.lastDependentId) {
      const from = this.packages.get(fromPackageId);
      if (!from) throw new Error(`internal: unknown package ${fromPackageId}`);
      this.lastDependentId = fromPackageId;
      this.lastDependentEdges = from.dependencies;
    }
    this.pushEdge(this.lastDependentEdges, toPackageId, alias, kind);
  }

  /** Adds an edge from a workspace to a package id. */
  addWorkspaceEdge(workspaceId: string, toPackageId: string, alias: string, kind: DependencyKind): void {
    const workspace = this.workspaces.get(workspaceId) ?? this.addWorkspace(workspaceId);
    this.pushEdge(workspace.dependencies, toPackageId, alias, kind);
  }

  /** Records that one workspace depends on another (not a package edge). */
  addWorkspaceLink(fromWorkspaceId: string, toWorkspaceId: string, alias: string, kind: DependencyKind): void {
    const from = this.workspaces.get(fromWorkspaceId) ?? this.addWorkspace(fromWorkspaceId);
    this.pushEdge(from.links, toWorkspaceId, alias, kind);
  }

  /**
   * Records a gap (an out-of-sync or hand-trimmed lockfile) instead of
   * refusing the file. The same gap reported twice is kept once; the count is
   * bounded by the edge limit, since each gap stands for one declared edge.
   */
  addWarning(code: GraphWarningCode, from: string, reference: string, message: string): void {
    const key = `${code}\u0000${from}\u0000${reference}`;
    if (this.warningKeys.has(key)) return;
    if (++this.edgeCount > this.header.limits.maxEdges) {
      throw new ParseError('LIMIT_EXCEEDED', this.header.path, `holds more than ${this.header.limits.maxEdges} dependency edges`);
    }
    this.warningKeys.add(key);
    this.warnings.push({ code, from, reference: redactCredentials(reference), message: redactCredentials(message) });
  }

  build(): DependencyGraph {
    for (const workspace of this.workspaces.values()) {
      for (const edge of workspace.dependencies) {
        const node = this.packages.get(edge.to) as MutableNode | undefined;
        if (!node) continue;
        if (node.directIn === NOT_DIRECT) node.directIn = new Set();
        (node.directIn as Set<string>).add(workspace.id);
      }
    }
    const graph: DependencyGraph = {
      path: this.header.path,
      format: this.header.format,
      formatVersion: this.header.formatVersion,
      workspaces: this.workspaces,
      packages: this.packages,
      warnings: this.warnings,
    };
    computeScopeFlags(graph);
    return graph;
  }

  private pushEdge(edges: DependencyEdge[], to: string, alias: string, kind: DependencyKind): void {
    if (!this.isNewEdge(edges, to, alias)) return;
    if (++this.edgeCount > this.header.limits.maxEdges) {
      throw new ParseError('LIMIT_EXCEEDED', this.header.path, `holds more than ${this.header.limits.maxEdges} dependency edges`);
    }
    edges.push({ to, alias, kind });
  }

  /** Whether `edges` lacks an edge to `to` under `alias`; a scan for the usual few edges, a set for many (no quadratic worst case). */
  private isNewEdge(edges: DependencyEdge[], to: string, alias: string): boolean {
    if (edges.length < MANY_EDGES) {
      for (const edge of edges) if (edge.to === to && edge.alias === alias) return false;
      return true;
    }
    let keys = this.edgeKeys.get(edges);
    if (!keys) {
      keys = new Set(edges.map((edge) => edgeKey(edge.to, edge.alias)));
      this.edgeKeys.set(edges, keys);
    }
    const key = edgeKey(to, alias);
    if (keys.has(key)) return false;
    keys.add(key); // the caller pushes the edge next
    return true;
  }
}

function edgeKey(to: string, alias: string): string {
  return `${to.length}:${to}${alias}`;
}

/** The input itself in the usual case; a cleaned copy when a value holds a credential. */
function withoutCredentials(input: PackageInput): PackageInput {
  const name = redactCredentials(input.name);
  const version = redactCredentials(input.version);
  const purl = redactCredentials(input.purl);
  const resolved = input.resolved === undefined ? undefined : redactCredentials(input.resolved);
  if (name === input.name && version === input.version && purl === input.purl && resolved === input.resolved) return input;
  return { ...input, name, version, purl, resolved };
}

function sameArtefact(node: PackageNode, input: PackageInput): boolean {
  if (node.integrity && input.integrity) return node.integrity === input.integrity;
  if (node.resolved && input.resolved) return node.resolved === input.resolved;
  return node.source === input.source;
}
