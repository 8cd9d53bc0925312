import { describe, expect, it } from 'vitest';
import { shortestPaths } from '../../../src/core/graph/paths.js';
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
