import { parentOf } from './install-path.js';

/** Marks a `node_modules/<name>` link to a workspace: a project, not a package. */
export const WORKSPACE_LINK = '';

type Names = Map<string, string>;

/**
 * What each folder's `node_modules` holds: the location of the folder (`''`
 * for the root, `node_modules/a` for a package, `packages/api` for a
 * workspace) → installed name → package id (or {@link WORKSPACE_LINK}).
 * Resolution looks names up in a precomputed chain of the `node_modules`
 * folders visible from a location, so an edge costs a map probe or two and
 * builds no strings.
 */
export class InstallTree {
  private readonly folders = new Map<string, Names>();
  private readonly chains = new Map<string, readonly Names[]>();

  /** Records package `id` as installed under `name` in the `node_modules` of `folder` (`''` for the root). */
  set(folder: string, name: string, id: string): void {
    let names = this.folders.get(folder);
    if (!names) {
      names = new Map();
      this.folders.set(folder, names);
    }
    names.set(name, id);
  }

  /** What is installed under `name` in the `node_modules` of `folder`. */
  get(folder: string, name: string): string | undefined {
    return this.folders.get(folder)?.get(name);
  }

  /**
   * {@link chainFrom} for the package installed at `location`, in the
   * `node_modules` of `folder`: without a `node_modules` of its own, it sees
   * what `folder` sees, which saves walking up from it.
   */
  chainOfInstalled(location: string, folder: string): readonly Names[] {
    return this.chainFrom(this.folders.has(location) ? location : folder);
  }

  /**
   * The `node_modules` folders node searches from the package or folder at
   * `from`, nearest first: `<from>/node_modules`, then the same in each
   * enclosing package or folder, up to the root's. A folder outside the
   * project (`../lib`) sees its own ancestors only. Call after every `set`.
   * Recursion only happens at locations that have a `node_modules` of their
   * own, so it is bounded by the nesting depth the parser already checked.
   */
  chainFrom(from: string): readonly Names[] {
    for (let base = from; ; base = parentOf(base)) {
      const known = this.chains.get(base);
      if (known) return known;
      const own = this.folders.get(base);
      const outside = base === '..' || base.endsWith('/..');
      if (own) {
        const chain = [own, ...(base === '' || outside ? [] : this.chainFrom(parentOf(base)))];
        this.chains.set(base, chain);
        return chain;
      }
      if (base === '' || outside) {
        this.chains.set(base, NO_FOLDERS);
        return NO_FOLDERS;
      }
    }
  }
}

const NO_FOLDERS: readonly Names[] = [];

/** Looks `name` up along a chain from {@link InstallTree.chainFrom}. */
export function resolveIn(chain: readonly Names[], name: string): string | undefined {
  for (const names of chain) {
    const hit = names.get(name);
    if (hit !== undefined) return hit;
  }
  return undefined;
}
