import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import type { DependencyGraph, PackageNode } from '../model.js';
import { groupArtefacts } from './artefacts.js';
import { componentFromArtefact } from './component.js';
import type { BomOptions } from './options.js';
import { SharedModels } from './shared-models.js';
import { cleanText } from './text.js';
import { linkWorkspaces, placeWorkspaces, workspaceRef } from './workspaces.js';

const SERIAL_NUMBER = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Builds one CycloneDX BOM from every lockfile graph of a repository.
 *
 * Shape:
 * - `metadata.component` is the repository (type application, name and
 *   version from `options.root`, bom-ref `workspace:.`); `metadata.tools`
 *   names chaingate and its version.
 * - Every package node of every graph is a library component. Nodes with the
 *   same purl and integrity (or no integrity) are one component, whose
 *   bom-ref is the purl; another integrity under the same purl gets
 *   `<purl>#2`, `#3`… Scoped npm names go to `group` (`@scope`) and `name`.
 *   Hashes come from the SRI integrity, the licence from the lockfile's
 *   licence text, the distribution reference from an http(s) `resolved`
 *   (credentials removed). Scope: dev-only → `excluded`, optional-only →
 *   `optional`, otherwise `required`. Properties: `cdx:npm:package:development`
 *   for dev-only packages (as cyclonedx-npm), `chaingate:lockfile` once per
 *   lockfile holding it, `chaingate:hasInstallScript` where known.
 * - Workspaces are placed by directory: the root workspace of a lockfile at
 *   the repository root is the root component; every other project
 *   directory (a monorepo workspace, or a lockfile in a subdirectory) is an
 *   application component `workspace:<dir>` that the root depends on. This
 *   keeps "which project declares what" in the graph instead of flattening
 *   every workspace's direct dependencies onto the root.
 * - Dependencies: each workspace component (and the root) depends on its
 *   direct dependencies and on the workspace components it links to
 *   (`workspace:*` and the like: `workspace:packages/api` depends on
 *   `workspace:packages/shared`, never on a library component for it), each
 *   package on its edges' targets.
 *
 * With `deterministic` the BOM has no timestamp and no serial number; with
 * sorted serialisation ({@link serializeBom}) the same graphs then give the
 * same bytes.
 *
 * @throws {RangeError} if `options.serialNumber` is given, not deterministic, and not a `urn:uuid:` UUID.
 */
export function buildBom(graphs: readonly DependencyGraph[], options: BomOptions): Models.Bom {
  const root = new Models.Component(Enums.ComponentType.Application, cleanText(options.root.name), {
    bomRef: workspaceRef('.'),
    version: options.root.version ? cleanText(options.root.version) : undefined,
  });
  const bom = new Models.Bom();
  bom.metadata.component = root;
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, 'chaingate', { version: cleanText(options.toolVersion) }),
  );
  if (!options.deterministic) {
    if (options.timestamp) bom.metadata.timestamp = options.timestamp;
    if (options.serialNumber !== undefined) {
      if (!SERIAL_NUMBER.test(options.serialNumber)) throw new RangeError('serialNumber must be a urn:uuid: UUID');
      bom.serialNumber = options.serialNumber;
    }
  }

  const { targets, components: workspaces } = placeWorkspaces(graphs, root);
  for (const workspace of workspaces.values()) {
    bom.components.add(workspace);
    root.dependencies.add(workspace.bomRef);
  }

  const reserved = new Set([root.bomRef.toString(), ...[...workspaces.values()].map((c) => c.bomRef.toString())]);
  const byNode = new Map<PackageNode, Models.Component>();
  const shared = new SharedModels();
  for (const artefact of groupArtefacts(graphs, reserved)) {
    const component = componentFromArtefact(artefact, shared);
    bom.components.add(component);
    for (const { node } of artefact.members) byNode.set(node, component);
  }

  for (const { graph, workspace, component } of targets) {
    for (const edge of workspace.dependencies) linkTo(component, graph, edge.to, byNode);
  }
  linkWorkspaces(targets);
  for (const graph of graphs) {
    for (const node of graph.packages.values()) {
      const component = byNode.get(node) as Models.Component;
      for (const edge of node.dependencies) linkTo(component, graph, edge.to, byNode);
    }
  }
  return bom;
}

function linkTo(
  from: Models.Component,
  graph: DependencyGraph,
  toId: string,
  byNode: ReadonlyMap<PackageNode, Models.Component>,
): void {
  const target = graph.packages.get(toId);
  const component = target && byNode.get(target);
  if (component && component !== from) from.dependencies.add(component.bomRef);
}
