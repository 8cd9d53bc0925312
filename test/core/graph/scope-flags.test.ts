import { describe, expect, it } from 'vitest';
import { graphOf } from '../../helpers/graph.js';

describe('scope flags', () => {
  const graph = graphOf({
    workspaces: { '.': { 'app-dep@1.0.0': 'prod', 'tool@1.0.0': 'dev', 'fancy@1.0.0': 'optional', 'shared@1.0.0': 'dev' } },
    packages: {
      'app-dep@1.0.0': { deps: ['shared@1.0.0'] },
      'tool@1.0.0': { deps: ['tool-only@1.0.0'] },
      'tool-only@1.0.0': {},
      'fancy@1.0.0': { deps: ['fancy-dep@1.0.0'] },
      'fancy-dep@1.0.0': {},
      'shared@1.0.0': {},
      'orphan@1.0.0': {},
    },
  });
  const flags = (id: string) => {
    const n = graph.packages.get(id)!;
    return { dev: n.dev, optional: n.optional, peer: n.peer };
  };

  it('marks what only dev dependencies reach as dev, transitively', () => {
    expect(flags('tool@1.0.0')).toEqual({ dev: true, optional: false, peer: false });
    expect(flags('tool-only@1.0.0')).toEqual({ dev: true, optional: false, peer: false });
  });

  it('keeps a package runtime when a runtime path reaches it too', () => {
    expect(flags('shared@1.0.0')).toEqual({ dev: false, optional: false, peer: false });
  });

  it('marks what only optional edges reach as optional', () => {
    expect(flags('fancy-dep@1.0.0').optional).toBe(true);
    expect(flags('app-dep@1.0.0').optional).toBe(false);
  });

  it('records which workspaces declare a package directly', () => {
    expect([...graph.packages.get('app-dep@1.0.0')!.directIn]).toEqual(['.']);
    expect(graph.packages.get('tool-only@1.0.0')!.directIn.size).toBe(0);
  });

  it('leaves unreachable packages unflagged', () => {
    expect(flags('orphan@1.0.0')).toEqual({ dev: false, optional: false, peer: false });
  });
});
