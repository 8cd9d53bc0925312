import { describe, expect, it } from 'vitest';
import { indexPaths, PATH_HEAD, PATH_TAIL, shortestPaths } from '../../../src/core/graph/paths.js';
import { graphOf } from '../../helpers/graph.js';

describe('shortestPaths', () => {
  const graph = graphOf({
    workspaces: { '.': { 'a@1.0.0': 'prod', 'b@1.0.0': 'prod' }, 'packages/web': { 'c@1.0.0': 'prod' } },
    packages: {
      'a@1.0.0': { deps: ['x@1.0.0'] },
      'x@1.0.0': { deps: ['deep@1.0.0'] },
      'b@1.0.0': { deps: ['deep@1.0.0'] },
      'c@1.0.0': { deps: ['a@1.0.0'] },
      'deep@1.0.0': { deps: ['a@1.0.0'] },
    },
  });
  const paths = shortestPaths(graph);

  it('finds the shortest chain from a direct dependency, like npm explain', () => {
    expect(paths.get('deep@1.0.0')).toContainEqual({ workspace: '.', packages: ['b@1.0.0', 'deep@1.0.0'] });
  });

  it('gives one path per workspace that reaches the package', () => {
    expect(paths.get('deep@1.0.0')).toEqual([
      { workspace: '.', packages: ['b@1.0.0', 'deep@1.0.0'] },
      { workspace: 'packages/web', packages: ['c@1.0.0', 'a@1.0.0', 'x@1.0.0', 'deep@1.0.0'] },
    ]);
  });

  it('terminates on cycles', () => {
    expect(paths.get('a@1.0.0')).toHaveLength(2);
  });
});

describe('long paths', () => {
  function chain(length: number): ReturnType<typeof graphOf> {
    const packages: Record<string, { deps?: string[] }> = {};
    for (let i = 0; i < length; i++) packages[`p${i}@1.0.0`] = i + 1 < length ? { deps: [`p${i + 1}@1.0.0`] } : {};
    return graphOf({ workspaces: { '.': { 'p0@1.0.0': 'prod' } }, packages });
  }

  it('keeps a path of head plus tail packages whole', () => {
    const length = PATH_HEAD + PATH_TAIL;
    const [path] = indexPaths(chain(length)).pathsTo(`p${length - 1}@1.0.0`);
    expect(path?.packages).toHaveLength(length);
    expect(path?.omitted).toBeUndefined();
  });

  it('shows the ends of a longer path and counts what it leaves out', () => {
    const [path] = indexPaths(chain(1_000)).pathsTo('p999@1.0.0');
    expect(path?.packages).toEqual([
      ...Array.from({ length: PATH_HEAD }, (_, i) => `p${i}@1.0.0`),
      ...Array.from({ length: PATH_TAIL }, (_, i) => `p${1_000 - PATH_TAIL + i}@1.0.0`),
    ]);
    expect(path?.omitted).toBe(1_000 - PATH_HEAD - PATH_TAIL);
  });

  it('reads every path of a 10,000-deep chain in bounded steps each', () => {
    const graph = chain(10_000);
    const index = indexPaths(graph);
    let total = 0;
    for (const id of graph.packages.keys()) total += index.pathsTo(id)[0]?.packages.length ?? 0;
    expect(total).toBeLessThanOrEqual(10_000 * (PATH_HEAD + PATH_TAIL));
  });
});
