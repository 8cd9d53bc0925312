import { describe, expect, it } from 'vitest';
import { GraphBuilder, type PackageInput } from '../../../src/core/graph/builder.js';
import { npmPurl } from '../../../src/core/graph/purl.js';
import { ParseError } from '../../../src/core/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../../src/core/limits.js';

function builderWith(limits: Partial<Limits> = {}): GraphBuilder {
  return new GraphBuilder({
    path: 'package-lock.json',
    format: 'npm-package-lock',
    formatVersion: '3',
    limits: { ...DEFAULT_LIMITS, ...limits },
  });
}

function input(name: string, version = '1.0.0', extra: Partial<PackageInput> = {}): PackageInput {
  return { name, version, purl: npmPurl(name, version), source: 'registry', ...extra };
}

describe('GraphBuilder edges', () => {
  it('keeps the first edge to a target under an alias and ignores repeats, for few and for many edges', () => {
    const builder = builderWith();
    const from = builder.addPackage(input('hub'));
    const targets = Array.from({ length: 100 }, (_, i) => builder.addPackage(input(`dep-${i}`)));
    for (const kind of ['dev', 'prod'] as const) {
      for (const [i, to] of targets.entries()) builder.addPackageEdge(from, to, `dep-${i}`, kind);
    }
    builder.addPackageEdge(from, targets[0]!, 'alias-of-0', 'peer');
    const edges = builder.build().packages.get(from)!.dependencies;
    expect(edges).toHaveLength(101);
    expect(edges.filter((e) => e.kind === 'dev')).toHaveLength(100);
    expect(edges.at(-1)).toEqual({ to: targets[0], alias: 'alias-of-0', kind: 'peer' });
  });

  it('adds edges to the right dependent when parsers switch between dependents', () => {
    const builder = builderWith();
    const [a, b, c] = ['a', 'b', 'c'].map((name) => builder.addPackage(input(name))) as [string, string, string];
    builder.addPackageEdge(a, c, 'c', 'prod');
    builder.addPackageEdge(b, c, 'c', 'prod');
    builder.addPackageEdge(a, b, 'b', 'prod');
    builder.addPackageEdge(a, c, 'c', 'dev');
    const graph = builder.build();
    expect(graph.packages.get(a)!.dependencies.map((e) => e.to)).toEqual([c, b]);
    expect(graph.packages.get(b)!.dependencies.map((e) => e.to)).toEqual([c]);
  });

  it('counts only distinct edges against limits.maxEdges', () => {
    const builder = builderWith({ maxEdges: 2 });
    const [a, b, c] = ['a', 'b', 'c'].map((name) => builder.addPackage(input(name))) as [string, string, string];
    builder.addPackageEdge(a, b, 'b', 'prod');
    builder.addPackageEdge(a, b, 'b', 'prod');
    builder.addPackageEdge(a, c, 'c', 'prod');
    expect(() => builder.addPackageEdge(b, c, 'c', 'prod')).toThrow(ParseError);
  });

  it('copies a package input, so one object can be refilled for every package', () => {
    const builder = builderWith();
    const fields = { ...input('first') };
    const first = builder.addPackage(fields);
    Object.assign(fields, input('second', '2.0.0', { license: 'MIT' }));
    const second = builder.addPackage(fields);
    const graph = builder.build();
    expect(graph.packages.get(first)).toMatchObject({ name: 'first', version: '1.0.0', license: undefined });
    expect(graph.packages.get(second)).toMatchObject({ name: 'second', version: '2.0.0', license: 'MIT' });
  });
});

describe('GraphBuilder credentials', () => {
  const url = 'git+https://ghp_T0KEN@github.com/acme/private.git#0123abc';

  it('removes them from the id, version, purl and resolved of every package', () => {
    const builder = builderWith();
    const id = builder.addPackage(input('private', url, { resolved: 'https://u:p4ss@registry.example.com/private/-/private-1.0.0.tgz', source: 'git' }));
    const node = builder.build().packages.get(id)!;
    expect(JSON.stringify({ ...node, directIn: [] })).not.toMatch(/ghp_T0KEN|p4ss/u);
    expect(id).toBe(`private@${node.version}`);
    expect(node.version).toBe('git+https://github.com/acme/private.git#0123abc');
    expect(node.purl).toBe(npmPurl('private', 'git+https://github.com/acme/private.git#0123abc'));
    expect(node.resolved).toBe('https://registry.example.com/private/-/private-1.0.0.tgz');
  });

  it('removes them from warnings', () => {
    const builder = builderWith();
    builder.addWarning('DANGLING_DEPENDENCY', '.', `private@${url}`, `"private@${url}" has no entry`);
    expect(JSON.stringify(builder.build().warnings)).not.toContain('ghp_T0KEN');
  });
});
