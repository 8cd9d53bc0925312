import type { GraphBuilder } from '../../core/graph/builder.js';
import type { DependencyKind } from '../../core/model.js';
import { quote } from '../shared/names.js';
import type { DeclarationSink } from './declared.js';
import { resolveIn, WORKSPACE_LINK, type InstallTree } from './resolve.js';

/**
 * Turns the declared dependencies of one `packages` entry after another into
 * graph edges, resolving each name from the entry's location. A name that
 * resolves to nothing gets no edge: silently for an optional dependency (one
 * for another platform) or a peer (npm may leave it unmet), with a
 * DANGLING_DEPENDENCY warning for a prod or dev dependency (an out-of-sync or
 * hand-trimmed lockfile). One that resolves to a workspace link becomes a
 * workspace link when the dependent is a workspace, and nothing otherwise.
 */
export class EdgeWriter implements DeclarationSink {
  private key = '';
  private id = '';
  private workspace = false;
  private chain: ReturnType<InstallTree['chainFrom']> = [];

  constructor(
    private readonly builder: GraphBuilder,
    private readonly tree: InstallTree,
    private readonly workspaceAt: (key: string, name: string) => string | undefined,
  ) {}

  /**
   * Starts on the entry at location `key`, whose graph id is `id` (a workspace
   * id when `workspace`); `folder` is where it is installed, for a package.
   */
  start(key: string, id: string, workspace: boolean, folder: string | undefined): void {
    this.key = key;
    this.id = id;
    this.workspace = workspace;
    this.chain = folder === undefined ? this.tree.chainFrom(key) : this.tree.chainOfInstalled(key, folder);
  }

  declare(name: string, kind: DependencyKind, spec: unknown): void {
    const to = resolveIn(this.chain, name);
    if (to === undefined) {
      if (kind === 'prod' || kind === 'dev') this.warnDangling(name, spec);
      return;
    }
    if (to === WORKSPACE_LINK) {
      const target = this.workspace ? this.workspaceAt(this.key, name) : undefined;
      if (target !== undefined) this.builder.addWorkspaceLink(this.id, target, name, kind);
    } else if (this.workspace) this.builder.addWorkspaceEdge(this.id, to, name, kind);
    else this.builder.addPackageEdge(this.id, to, name, kind);
  }

  private warnDangling(name: string, spec: unknown): void {
    const reference = typeof spec === 'string' ? `${name}@${spec}` : name;
    this.builder.addWarning(
      'DANGLING_DEPENDENCY',
      this.id,
      reference,
      `${this.describe()} depends on ${quote(reference)}, which no entry of the lockfile provides`,
    );
  }

  describe(): string {
    return this.key === '' ? 'the root entry ""' : `entry ${quote(this.key)}`;
  }
}
