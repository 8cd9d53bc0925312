import { describe, expect, it } from 'vitest';
import { diffGraphs } from '../../../src/core/diff/diff-graphs.js';
import { diffRepositories } from '../../../src/core/diff/diff-repositories.js';
import { graphOf } from '../../helpers/graph.js';

const base = graphOf({
  workspaces: { '.': { 'express@4.18.2': 'prod', 'left-pad@1.3.0': 'prod', 'semver@7.6.0': 'dev' } },
  packages: {
    'express@4.18.2': { deps: ['debug@2.6.9', 'qs@6.11.0'] },
    'debug@2.6.9': { deps: ['ms@2.0.0'] },
    'ms@2.0.0': {},
    'qs@6.11.0': {},
    'left-pad@1.3.0': {},
    'semver@7.6.0': {},
  },
});

const head = graphOf({
  workspaces: { '.': { 'express@4.21.2': 'prod', 'semver@7.5.4': 'dev' } },
  packages: {
    'express@4.21.2': { deps: ['debug@2.6.9', 'qs@6.13.0'] },
    'debug@2.6.9': { deps: ['ms@2.0.0', 'ms@2.1.3'] },
    'ms@2.0.0': {},
    'ms@2.1.3': {},
    'qs@6.13.0': {},
    'semver@7.5.4': {},
  },
});

describe('diffGraphs', () => {
  const changes = diffGraphs(base, head);
  const find = (name: string) => changes.filter((c) => c.name === name);

  it('reports a direct upgrade with its version pair', () => {
    expect(find('express')).toMatchObject([{ type: 'upgraded', from: '4.18.2', to: '4.21.2', direct: true }]);
  });

  it('reports a transitive upgrade with the path that brings it in', () => {
    const [qs] = find('qs');
    expect(qs).toMatchObject({ type: 'upgraded', from: '6.11.0', to: '6.13.0', direct: false, workspaces: ['.'] });
    expect(qs!.paths).toEqual([{ workspace: '.', packages: ['express@4.21.2', 'qs@6.13.0'] }]);
  });

  it('reports a downgrade, a removal and an added second version beside an unchanged one', () => {
    expect(find('semver')).toMatchObject([{ type: 'downgraded', from: '7.6.0', to: '7.5.4', dev: true }]);
    expect(find('left-pad')).toMatchObject([{ type: 'removed', from: '1.3.0', to: undefined }]);
    expect(find('ms')).toMatchObject([{ type: 'added', to: '2.1.3' }]);
  });

  it('leaves unchanged packages out', () => {
    expect(find('debug')).toEqual([]);
  });

  it('flags the same version from a different artefact as changed', () => {
    const a = graphOf({ workspaces: { '.': { 'x@1.0.0': 'prod' } }, packages: { 'x@1.0.0': { integrity: 'sha512-AAAA' } } });
    const b = graphOf({ workspaces: { '.': { 'x@1.0.0': 'prod' } }, packages: { 'x@1.0.0': { integrity: 'sha512-BBBB' } } });
    expect(diffGraphs(a, b)).toMatchObject([{ type: 'changed', from: '1.0.0', to: '1.0.0', changedFields: ['integrity'] }]);
  });

  it('does not flag a version whose integrity only one side records', () => {
    const a = graphOf({ workspaces: { '.': { 'x@1.0.0': 'prod' } }, packages: { 'x@1.0.0': {} } });
    const b = graphOf({ workspaces: { '.': { 'x@1.0.0': 'prod' } }, packages: { 'x@1.0.0': { integrity: 'sha512-BBBB' } } });
    expect(diffGraphs(a, b)).toEqual([]);
  });

  it('pairs upgrades within a major line when two majors coexist', () => {
    const a = graphOf({ workspaces: { '.': { 'lodash@3.10.1': 'prod', 'lodash@4.17.20': 'prod' } }, packages: { 'lodash@3.10.1': {}, 'lodash@4.17.20': {} } });
    const b = graphOf({ workspaces: { '.': { 'lodash@3.10.1': 'prod', 'lodash@4.17.21': 'prod' } }, packages: { 'lodash@3.10.1': {}, 'lodash@4.17.21': {} } });
    expect(diffGraphs(a, b)).toMatchObject([{ type: 'upgraded', from: '4.17.20', to: '4.17.21' }]);
  });

  it('orders non-semver versions as plain strings', () => {
    const a = graphOf({ workspaces: { '.': { 'x@2024-01': 'prod' } }, packages: { 'x@2024-01': {} } });
    const b = graphOf({ workspaces: { '.': { 'x@2023-12': 'prod' } }, packages: { 'x@2023-12': {} } });
    expect(diffGraphs(a, b)).toMatchObject([{ type: 'downgraded', from: '2024-01', to: '2023-12' }]);
  });
});

describe('diffRepositories', () => {
  it('treats a lockfile only the head has as all added, with a summary', () => {
    const result = diffRepositories([], [head]);
    expect(result.summary).toMatchObject({ added: 6, removed: 0 });
    expect(result.changes.every((c) => c.type === 'added')).toBe(true);
  });

  it('pairs lockfiles of one directory across a package manager switch', () => {
    const yarnHead = { ...head, path: 'yarn.lock' };
    const result = diffRepositories([base], [yarnHead]);
    expect(result.summary).toMatchObject({ upgraded: 2, downgraded: 1, removed: 1, added: 1 });
  });

  it('sorts changes deterministically and counts direct and transitive', () => {
    const result = diffRepositories([base], [head]);
    expect(result.changes.map((c) => `${c.type}:${c.name}`)).toEqual(['added:ms', 'upgraded:express', 'upgraded:qs', 'downgraded:semver', 'removed:left-pad']);
    expect(result.summary).toMatchObject({ direct: 3, transitive: 2 });
  });
});
