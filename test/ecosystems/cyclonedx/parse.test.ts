import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/core/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../../src/core/limits.js';
import type { DependencyGraph } from '../../../src/core/model.js';
import { cyclonedxParser } from '../../../src/ecosystems/cyclonedx/index.js';
import { fixtureOptions, readFixture } from '../../helpers/fixtures.js';
import { readLockfileTruth } from './lockfile-truth.js';

async function parseBom(recipe: string, spec: string): Promise<DependencyGraph> {
  const rel = `cyclonedx/${recipe}/bom.${spec}.cdx.json`;
  return cyclonedxParser.parse(await readFixture(rel), fixtureOptions(rel));
}

const ids = (graph: DependencyGraph) => new Set([...graph.packages.values()].map((p) => `${p.name}@${p.version}`));
const edges = (graph: DependencyGraph, id: string) => (graph.packages.get(id)?.dependencies ?? []).map((e) => e.to).sort();

describe('CycloneDX JSON from a real cyclonedx-npm', () => {
  const cases = ['app', 'monorepo', 'upgrade/base', 'upgrade/head'].flatMap((recipe) =>
    ['1.4', '1.5', '1.6'].map((spec) => [recipe, spec] as const),
  );

  it.each(cases)('holds the same name@version set as the npm lockfile of %s (spec %s)', async (recipe, spec) => {
    const graph = await parseBom(recipe, spec);
    const truth = await readLockfileTruth(`cyclonedx/${recipe}/package-lock.json`);
    const expected = JSON.parse(await readFixture(`cyclonedx/${recipe}/expected.json`)) as { npmLsDistinctPackages: number };
    expect(graph.format).toBe('cyclonedx-json');
    expect(graph.formatVersion).toBe(spec);
    expect(ids(graph)).toEqual(truth.packages);
    expect(truth.installed.size).toBe(expected.npmLsDistinctPackages);
  });

  it('makes metadata.component the root workspace with its direct dependencies', async () => {
    const graph = await parseBom('app', '1.6');
    const root = graph.workspaces.get('.');
    expect(root?.name).toBe('fixture-app');
    expect(root?.dependencies.map((e) => `${e.alias}@${e.to}:${e.kind}`).sort()).toEqual([
      'core-js@core-js@3.38.1:prod',
      'debug@debug@4.4.3:prod',
      'express@express@4.22.3:prod',
      'is-number@is-number@7.0.0:optional',
      'lodash@lodash@3.10.1:prod',
      'lodash@lodash@4.18.1:prod',
      'react-dom@react-dom@18.3.1:prod',
      'react@react@18.3.1:prod',
      'semver@semver@7.8.6:dev',
    ]);
  });

  it('reads edges of nested components and marks dev packages from the cdx:npm:package:development property', async () => {
    const graph = await parseBom('app', '1.6');
    expect(edges(graph, 'express@4.22.3')).toContain('debug@2.6.9');
    expect(edges(graph, 'debug@2.6.9')).toEqual(['ms@2.0.0']);
    expect(graph.packages.get('semver@7.8.6')).toMatchObject({ dev: true, optional: false });
    expect(graph.packages.get('is-number@7.0.0')).toMatchObject({ dev: false, optional: true });
    expect(graph.packages.get('express@4.22.3')).toMatchObject({ dev: false, optional: false });
  });

  it('turns hex hashes into SRI integrity and keeps purl, licence and tarball', async () => {
    const graph = await parseBom('app', '1.4');
    const truth = JSON.parse(await readFixture('cyclonedx/app/package-lock.json')) as {
      packages: Record<string, { integrity?: string }>;
    };
    const debug = graph.packages.get('debug@4.4.3');
    expect(debug?.integrity).toBe(truth.packages['node_modules/debug']?.integrity);
    expect(debug).toMatchObject({ ecosystem: 'npm', purl: 'pkg:npm/debug@4.4.3', license: 'MIT', source: 'registry' });
    expect(debug?.resolved).toMatch(/\/debug\/-\/debug-4\.4\.3\.tgz$/);
  });

  it('names scoped npm packages from the purl', async () => {
    const graph = await parseBom('monorepo', '1.6');
    expect(graph.packages.get('@fixture/shared@1.0.0')?.purl).toBe('pkg:npm/%40fixture/shared@1.0.0');
    expect(edges(graph, '@fixture/api@1.0.0')).toEqual(['@fixture/shared@1.0.0', 'express@4.22.3', 'ms@2.0.0']);
  });

  it('is detected by bomFormat', async () => {
    expect(cyclonedxParser.detect(await readFixture('cyclonedx/app/bom.1.5.cdx.json'), 'x.cdx.json')).toBe(true);
    expect(cyclonedxParser.detect('{"spdxVersion":"SPDX-2.3"}', 'x.json')).toBe(false);
  });
});

function bom(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    metadata: { component: { type: 'application', name: 'root', 'bom-ref': 'root' } },
    components: [
      { type: 'library', name: 'a', version: '1.0.0', 'bom-ref': 'a', purl: 'pkg:npm/a@1.0.0' },
      {
        type: 'library',
        name: 'commons-lang3',
        version: '3.1',
        'bom-ref': 'm',
        purl: 'pkg:maven/org.apache/commons-lang3@3.1',
        hashes: [{ alg: 'SHA-256', content: 'ab'.repeat(32) }],
        licenses: [{ expression: 'Apache-2.0 OR MIT' }],
      },
    ],
    dependencies: [{ ref: 'root', dependsOn: ['a'] }, { ref: 'a', dependsOn: ['m'] }],
    ...overrides,
  });
}

describe('CycloneDX details', () => {
  it('reads other ecosystems with their own naming', async () => {
    const graph = await cyclonedxParser.parse(bom(), { path: 'bom.json', limits: DEFAULT_LIMITS });
    expect(graph.packages.get('org.apache:commons-lang3@3.1')).toMatchObject({
      ecosystem: 'maven',
      purl: 'pkg:maven/org.apache/commons-lang3@3.1',
      integrity: `sha256-${Buffer.from('ab'.repeat(32), 'hex').toString('base64')}`,
      license: 'Apache-2.0 OR MIT',
    });
    expect(edges(graph, 'a@1.0.0')).toEqual(['org.apache:commons-lang3@3.1']);
  });
});

describe('CycloneDX bad input', () => {
  const code = async (content: string, limits: Limits = DEFAULT_LIMITS): Promise<string> => {
    try {
      await cyclonedxParser.parse(content, { path: 'bom.json', limits });
    } catch (error) {
      if (error instanceof ParseError) {
        expect(error.message).toMatch(/^bom\.json: /);
        return error.code;
      }
      throw error;
    }
    return 'parsed';
  };

  it('refuses truncated JSON and what is not CycloneDX', async () => {
    expect(await code(bom().slice(0, 100))).toBe('MALFORMED');
    expect(await code('{"bomFormat":"SPDX"}')).toBe('UNKNOWN_FORMAT');
  });

  it.each(['1.2', '1.3', '2.0', 1.6])('refuses specVersion %s', async (specVersion) => {
    expect(await code(bom({ specVersion }))).toBe('UNSUPPORTED_VERSION');
  });

  it('refuses a dependsOn to an unknown bom-ref', async () => {
    expect(await code(bom({ dependencies: [{ ref: 'root', dependsOn: ['nope'] }] }))).toBe('MALFORMED');
    expect(await code(bom({ dependencies: [{ ref: 'nope', dependsOn: [] }] }))).toBe('MALFORMED');
  });

  it('refuses a bom-ref given twice', async () => {
    const components = [
      { type: 'library', name: 'a', version: '1.0.0', 'bom-ref': 'a', purl: 'pkg:npm/a@1.0.0' },
      { type: 'library', name: 'b', version: '1.0.0', 'bom-ref': 'a', purl: 'pkg:npm/b@1.0.0' },
    ];
    expect(await code(bom({ components }))).toBe('CONFLICT');
    expect(await code(bom({ dependencies: [{ ref: 'a' }, { ref: 'a' }] }))).toBe('CONFLICT');
  });

  it('refuses files over the size limit, too many packages and components nested too deep', async () => {
    expect(await code(bom(), { ...DEFAULT_LIMITS, maxBytes: 100 })).toBe('TOO_LARGE');
    expect(await code(bom(), { ...DEFAULT_LIMITS, maxPackages: 1 })).toBe('LIMIT_EXCEEDED');
    let nested: Record<string, unknown> = { type: 'library', name: 'leaf', version: '1.0.0' };
    for (let i = 0; i < 20; i++) nested = { type: 'library', name: `n${i}`, version: '1.0.0', components: [nested] };
    expect(await code(bom({ components: [nested], dependencies: [] }), { ...DEFAULT_LIMITS, maxDepth: 10 })).toBe('LIMIT_EXCEEDED');
  });

  it.each([
    ['a path (npm)', 'pkg:npm/..%2Fevil@1.0.0'],
    ['a path (other ecosystems)', 'pkg:golang/example.com/../evil@1.0.0'],
    ['a control character', 'pkg:pypi/evil%07@1.0.0'],
    ['HTML', 'pkg:npm/%3Cscript%3E@1.0.0'],
    ['HTML (other ecosystems)', 'pkg:cargo/%3Cscript%3E@1.0.0'],
  ])('refuses a package name with %s', async (_what, purl) => {
    const components = [{ type: 'library', name: 'x', version: '1.0.0', 'bom-ref': 'x', purl }];
    expect(await code(bom({ components, dependencies: [] }))).toBe('INVALID_NAME');
  });

  it('refuses a component without a name', async () => {
    expect(await code(bom({ components: [{ type: 'library', version: '1' }], dependencies: [] }))).toBe('MALFORMED');
  });
});
