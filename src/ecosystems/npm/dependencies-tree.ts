import { ParseError } from '../../core/errors.js';
import { GraphBuilder, type GraphHeader } from '../../core/graph/builder.js';
import { npmPurl } from '../../core/graph/purl.js';
import type { DependencyGraph, DependencyKind } from '../../core/model.js';
import { assertPackageName, assertVersion, quote } from '../shared/names.js';
import { isRecord } from '../shared/text.js';
import type { OpenSibling } from '../types.js';
import { forEachDeclared, stringField } from './declared.js';
import { warnMissingFromLockfile } from './manifest-sync.js';
import { readSiblingManifest } from './root-manifest.js';
import { readV1Spec, type V1Spec } from './v1-spec.js';

/** One entry of the nested tree, with the scope its `requires` resolve from. */
interface TreeNode {
  readonly alias: string;
  readonly parent: TreeNode | undefined;
  readonly entry: Record<string, unknown>;
  readonly spec: V1Spec;
  /** Its own nested `dependencies`, whose parent is the scope it sits in. */
  readonly scope: Scope;
  id: string;
}

interface Scope {
  readonly parent: Scope | undefined;
  readonly children: Map<string, TreeNode>;
}

/**
 * Reads lockfileVersion 1: walks the nested `dependencies` tree (at most
 * limits.maxDepth deep), then resolves each entry's `requires` like node
 * does, nearest enclosing scope first. Direct dependencies come from the
 * sibling package.json when it can be opened; see readme.md for the fallback.
 * @throws {ParseError}
 */
export async function readDependenciesTree(
  doc: Record<string, unknown>,
  header: GraphHeader,
  openSibling: OpenSibling | undefined,
): Promise<DependencyGraph> {
  const { path } = header;
  const rootScope: Scope = { parent: undefined, children: new Map() };
  const nodes = collectTree(doc.dependencies, rootScope, header);

  const builder = new GraphBuilder(header);
  const describeRoot = (): string => 'the root';
  builder.addWorkspace('.', stringField(doc, 'name', describeRoot, path), stringField(doc, 'version', describeRoot, path));
  for (const node of nodes) node.id = builder.addPackage(await packageInput(node, openSibling, path));

  const required = new Set<TreeNode>();
  for (const node of nodes) {
    const requires = node.entry.requires;
    if (requires === undefined) continue;
    if (!isRecord(requires)) throw new ParseError('MALFORMED', path, `${describeNode(node)} has requires that is not an object`);
    for (const name in requires) {
      const target = lookUp(node.scope, name);
      if (!target) continue; // npm 6 leaves out optional dependencies it could not install
      required.add(target);
      builder.addPackageEdge(node.id, target.id, name, requireKind(node, target));
    }
  }

  const manifest = await readSiblingManifest(openSibling, 'package.json');
  if (manifest) {
    forEachDeclared(manifest, true, path, {
      declare: (name, kind) => {
        const target = rootScope.children.get(name);
        if (target) builder.addWorkspaceEdge('.', target.id, name, kind);
      },
      describe: () => 'package.json',
    });
    warnMissingFromLockfile(builder, manifest, (name) => rootScope.children.has(name));
  } else {
    for (const node of rootScope.children.values()) {
      if (!required.has(node)) builder.addWorkspaceEdge('.', node.id, node.alias, flaggedKind(node.entry));
    }
  }
  return builder.build();
}

function collectTree(top: unknown, rootScope: Scope, header: GraphHeader): TreeNode[] {
  const { path, limits } = header;
  const nodes: TreeNode[] = [];
  const stack: { deps: unknown; scope: Scope; depth: number; parent: TreeNode | undefined }[] = [
    { deps: top, scope: rootScope, depth: 1, parent: undefined },
  ];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { deps, scope, depth, parent } = item;
    if (deps === undefined) continue;
    if (!isRecord(deps)) {
      throw new ParseError('MALFORMED', path, `dependencies ${parent ? `of ${describeNode(parent)} ` : ''}is not an object`);
    }
    if (depth > limits.maxDepth) {
      throw new ParseError('LIMIT_EXCEEDED', path, `nests dependencies more than ${limits.maxDepth} levels deep (at ${describeNode(parent)})`);
    }
    for (const alias in deps) {
      const describe = (): string => `dependency ${quote(trail(parent, alias))}`;
      const entry = deps[alias];
      if (!isRecord(entry)) throw new ParseError('MALFORMED', path, `${describe()} is not an object`);
      if (nodes.length >= limits.maxPackages) {
        throw new ParseError('LIMIT_EXCEEDED', path, `holds more than ${limits.maxPackages} package entries`);
      }
      assertPackageName(alias, path);
      const version = entry.version;
      if (typeof version !== 'string') throw new ParseError('MALFORMED', path, `${describe()} has no version string`);
      const spec = readV1Spec(alias, version, stringField(entry, 'resolved', describe, path), describe, path);
      if (spec.name !== alias) assertPackageName(spec.name, path);
      assertVersion(spec.version, spec.name, path);
      const node: TreeNode = { alias, parent, entry, spec, scope: { parent: scope, children: new Map() }, id: '' };
      scope.children.set(alias, node);
      nodes.push(node);
      if (entry.dependencies !== undefined) stack.push({ deps: entry.dependencies, scope: node.scope, depth: depth + 1, parent: node });
    }
  }
  return nodes;
}

function trail(parent: TreeNode | undefined, alias: string): string {
  const names = [alias];
  for (let p = parent; p; p = p.parent) names.unshift(p.alias);
  return names.join(' > ');
}

function describeNode(node: TreeNode | undefined): string {
  return node ? `dependency ${quote(trail(node.parent, node.alias))}` : 'the root';
}

async function packageInput(node: TreeNode, openSibling: OpenSibling | undefined, path: string) {
  const { spec, entry } = node;
  const describe = (): string => describeNode(node);
  let version = spec.version;
  if (spec.folder !== undefined) {
    // npm 6 records a linked folder as `file:<folder>`; its package.json has the version npm shows.
    const manifest = await readSiblingManifest(openSibling, `${spec.folder}/package.json`);
    if (typeof manifest?.version === 'string') version = manifest.version;
    assertVersion(version, spec.name, path);
  }
  const resolved = stringField(entry, 'resolved', describe, path);
  return {
    name: spec.name,
    version,
    purl: npmPurl(spec.name, version),
    resolved: resolved ?? (spec.source === 'registry' ? undefined : spec.version),
    integrity: stringField(entry, 'integrity', describe, path),
    source: spec.source,
  };
}

function lookUp(scope: Scope | undefined, name: string): TreeNode | undefined {
  for (let s = scope; s; s = s.parent) {
    const hit = s.children.get(name);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * v1 `requires` does not say how a dependency was declared. npm flags an
 * entry optional only when every path to it crosses an optional edge, so an
 * optional entry required by a non-optional one must be an optional edge.
 */
function requireKind(from: TreeNode, to: TreeNode): DependencyKind {
  return to.entry.optional === true && from.entry.optional !== true ? 'optional' : 'prod';
}

function flaggedKind(entry: Record<string, unknown>): DependencyKind {
  if (entry.dev === true) return 'dev';
  return entry.optional === true ? 'optional' : 'prod';
}
