import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import type { DependencyGraph, Workspace } from '../model.js';
import { LOCKFILE_PROPERTY } from './component.js';
import { cleanText, dirnameOf, normalizePath } from './text.js';

export const WORKSPACE_PROPERTY = 'chaingate:workspace';

/** A workspace of one graph and the SBOM component that stands for it. */
export interface WorkspaceTarget {
  readonly graph: DependencyGraph;
  readonly workspace: Workspace;
  readonly component: Models.Component;
}

/**
 * Where each workspace of each graph lands. Workspaces are keyed by their
 * directory in the repository (the lockfile's directory joined with the
 * workspace id), so the root workspace of a lockfile at the repository root
 * is the root component itself, and every other project directory — a
 * workspace of a monorepo or the root of a lockfile in a subdirectory — is
 * one application component with bom-ref `workspace:<dir>`, shared by every
 * lockfile that describes that directory.
 */
export function placeWorkspaces(
  graphs: readonly DependencyGraph[],
  root: Models.Component,
): { targets: WorkspaceTarget[]; components: Map<string, Models.Component> } {
  const components = new Map<string, Models.Component>();
  const targets: WorkspaceTarget[] = [];
  for (const graph of graphs) {
    const base = dirnameOf(graph.path);
    for (const workspace of graph.workspaces.values()) {
      const dir = cleanText(normalizePath(base === '.' ? workspace.id : `${base}/${workspace.id}`));
      let component = dir === '.' ? root : components.get(dir);
      if (!component) {
        component = new Models.Component(Enums.ComponentType.Application, cleanText(workspace.name || dir), {
          bomRef: workspaceRef(dir),
          version: workspace.version ? cleanText(workspace.version) : undefined,
        });
        component.properties.add(new Models.Property(WORKSPACE_PROPERTY, dir));
        components.set(dir, component);
      }
      if (component !== root) addLockfile(component, graph.path);
      targets.push({ graph, workspace, component });
    }
  }
  return { targets, components };
}

/**
 * Makes each workspace component depend on the components of the workspaces
 * it links to (see {@link Workspace.links}), within the same lockfile. A
 * link to a workspace the graph does not hold, or to the same directory, adds
 * nothing.
 */
export function linkWorkspaces(targets: readonly WorkspaceTarget[]): void {
  const byGraph = new Map<DependencyGraph, Map<string, Models.Component>>();
  for (const { graph, workspace, component } of targets) {
    let components = byGraph.get(graph);
    if (!components) byGraph.set(graph, (components = new Map()));
    components.set(workspace.id, component);
  }
  for (const { graph, workspace, component } of targets) {
    for (const link of workspace.links) {
      const target = byGraph.get(graph)?.get(link.to);
      if (target && target !== component) component.dependencies.add(target.bomRef);
    }
  }
}

/** The bom-ref of the component for the project in directory `dir`. */
export function workspaceRef(dir: string): string {
  return `workspace:${dir}`;
}

function addLockfile(component: Models.Component, path: string): void {
  const value = cleanText(path);
  for (const property of component.properties) {
    if (property.name === LOCKFILE_PROPERTY && property.value === value) return;
  }
  component.properties.add(new Models.Property(LOCKFILE_PROPERTY, value));
}
