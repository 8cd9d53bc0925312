import { describe, expect, it } from 'vitest';
import { componentsOf } from '../../../src/core/inventory/components.js';
import { graphOf, type PackageSpec } from '../../helpers/graph.js';

/** `p0@1.0.0 → p1@1.0.0 → … → p{depth-1}@1.0.0`, declared by the root. */
function chain(depth: number): ReturnType<typeof graphOf> {
  const packages: Record<string, PackageSpec> = {};
  for (let i = 0; i < depth; i++) packages[`p${i}@1.0.0`] = { deps: i + 1 < depth ? [`p${i + 1}@1.0.0`] : [] };
  return graphOf({ workspaces: { '.': { 'p0@1.0.0': 'prod' } }, packages });
}

describe('componentsOf', () => {
  it('keeps a short path whole, from the workspace down to the package', () => {
    const last = componentsOf([chain(3)]).find((c) => c.name === 'p2');
    expect(last?.path).toEqual(['.', 'p0@1.0.0', 'p1@1.0.0', 'p2@1.0.0']);
    expect(last).toMatchObject({ direct: false, workspaces: ['.'] });
  });

  it('shows a very long path by its ends and says how many packages it left out', () => {
    const last = componentsOf([chain(1000)]).find((c) => c.name === 'p999');
    expect(last?.path[0]).toBe('.');
    expect(last?.path.slice(1, 3)).toEqual(['p0@1.0.0', 'p1@1.0.0']);
    expect(last?.path.at(-1)).toBe('p999@1.0.0');
    expect(last?.path).toContain('… 984 more …');
    expect(last?.path.length).toBeLessThan(20);
  });

  it('picks the really shortest of two workspaces, not the one whose shortened path lists fewer packages', () => {
    const deep = chain(40);
    const packages: Record<string, PackageSpec> = {};
    for (const node of deep.packages.values()) packages[node.id] = { deps: node.dependencies.map((e) => e.to) };
    // packages/b reaches p38 through 17 packages, the root through 39: both are shown as 16 and a count.
    const graph = graphOf({ workspaces: { '.': { 'p0@1.0.0': 'prod' }, 'packages/b': { 'p22@1.0.0': 'prod' } }, packages });
    const p38 = componentsOf([graph]).find((c) => c.name === 'p38');
    const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `p${from + i}@1.0.0`);
    expect(p38?.path).toEqual(['packages/b', ...ids(22, 29), '… 1 more …', ...ids(31, 38)]);
    expect(p38?.workspaces).toEqual(['.', 'packages/b']);
  });
});
