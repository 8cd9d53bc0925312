import { rejectedWith } from '../../helpers/errors.js';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/core/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../../src/core/limits.js';
import type { DependencyGraph } from '../../../src/core/model.js';
import { spdxParser } from '../../../src/ecosystems/spdx/index.js';
import { fixtureOptions, readFixture } from '../../helpers/fixtures.js';
import { readLockfileTruth } from '../cyclonedx/lockfile-truth.js';

async function parseSbom(recipe: string): Promise<DependencyGraph> {
  const rel = `spdx/${recipe}/sbom.spdx.json`;
  return spdxParser.parse(await readFixture(rel), fixtureOptions(rel));
}

const ids = (graph: DependencyGraph) => new Set([...graph.packages.values()].map((p) => `${p.name}@${p.version}`));
const edges = (graph: DependencyGraph, id: string) => (graph.packages.get(id)?.dependencies ?? []).map((e) => e.to).sort();

describe('SPDX 2.3 in the shape of GitHub dependency-graph export', () => {
  it.each(['app', 'monorepo', 'upgrade/base', 'upgrade/head'])(
    'holds the same name@version set as the npm lockfile of %s',
    async (recipe) => {
      const graph = await parseSbom(recipe);
      const truth = await readLockfileTruth(`spdx/${recipe}/package-lock.json`);
      const expected = JSON.parse(await readFixture(`spdx/${recipe}/expected.json`)) as { npmLsDistinctPackages: number };
      expect(graph.format).toBe('spdx-json');
      expect(graph.formatVersion).toBe('2.3');
      // GitHub lists registry packages only; the repository's own workspaces are the repository.
      expect(ids(graph)).toEqual(truth.installed);
      expect(graph.packages.size).toBe(expected.npmLsDistinctPackages);
    },
  );

  it('makes the described repository the root workspace and its DEPENDS_ON the direct dependencies', async () => {
    const graph = await parseSbom('app');
    const root = graph.workspaces.get('.');
    expect(root).toMatchObject({ name: 'com.github.chaingate-fixtures/app', version: 'main' });
    expect(root?.dependencies.map((e) => e.to).sort()).toEqual([
      'core-js@3.38.1',
      'debug@4.4.3',
      'express@4.22.3',
      'is-number@7.0.0',
      'lodash@3.10.1',
      'lodash@4.18.1',
      'react-dom@18.3.1',
      'react@18.3.1',
      'semver@7.8.6',
    ]);
    expect(graph.packages.get('express@4.22.3')?.directIn).toEqual(new Set(['.']));
  });

  it('reads transitive DEPENDS_ON edges, purl names (not GitHub\'s npm: prefix) and licences', async () => {
    const graph = await parseSbom('app');
    expect(edges(graph, 'express@4.22.3')).toContain('debug@2.6.9');
    expect(edges(graph, 'debug@2.6.9')).toEqual(['ms@2.0.0']);
    expect(graph.packages.get('debug@4.4.3')).toMatchObject({ name: 'debug', purl: 'pkg:npm/debug@4.4.3', license: 'MIT', ecosystem: 'npm' });
    expect(graph.packages.get('ms@2.0.0')?.directIn.size).toBe(0);
  });

  it('reads the API response wrapped in { sbom } as well', async () => {
    const document = JSON.parse(await readFixture('spdx/upgrade/head/sbom.spdx.json')) as unknown;
    const graph = await spdxParser.parse(JSON.stringify({ sbom: document }), { path: 'sbom.json', limits: DEFAULT_LIMITS });
    expect(graph.packages.has('debug@4.3.7')).toBe(true);
  });

  it('is detected by spdxVersion', async () => {
    expect(spdxParser.detect(await readFixture('spdx/app/sbom.spdx.json'), 'x.spdx.json')).toBe(true);
    expect(spdxParser.detect('{"bomFormat":"CycloneDX"}', 'x.json')).toBe(false);
  });
});

function doc(overrides: Record<string, unknown> = {}): string {
  const pkg = (id: string, name: string, purl: string, extra: Record<string, unknown> = {}) => ({
    SPDXID: id,
    name,
    versionInfo: '1.0.0',
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl }],
    ...extra,
  });
  return JSON.stringify({
    spdxVersion: 'SPDX-2.3',
    SPDXID: 'SPDXRef-DOCUMENT',
    packages: [
      pkg('SPDXRef-root', 'owner/repo', 'pkg:github/owner/repo@main'),
      pkg('SPDXRef-a', 'npm:a', 'pkg:npm/a@1.0.0', {
        checksums: [{ algorithm: 'SHA1', checksumValue: 'ab'.repeat(20) }],
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: 'MIT',
      }),
      pkg('SPDXRef-b', 'pypi:b', 'pkg:pypi/b@1.0.0'),
      pkg('SPDXRef-c', 'c', 'pkg:npm/c@1.0.0'),
    ],
    relationships: [
      { relationshipType: 'DESCRIBES', spdxElementId: 'SPDXRef-DOCUMENT', relatedSpdxElement: 'SPDXRef-root' },
      { relationshipType: 'DEPENDS_ON', spdxElementId: 'SPDXRef-root', relatedSpdxElement: 'SPDXRef-a' },
      { relationshipType: 'DEPENDENCY_OF', spdxElementId: 'SPDXRef-b', relatedSpdxElement: 'SPDXRef-a' },
      { relationshipType: 'DEV_DEPENDENCY_OF', spdxElementId: 'SPDXRef-c', relatedSpdxElement: 'SPDXRef-root' },
    ],
    ...overrides,
  });
}

describe('SPDX details', () => {
  it('reads DEPENDENCY_OF and DEV_DEPENDENCY_OF in their direction, checksums and declared licences', async () => {
    const graph = await spdxParser.parse(doc(), { path: 'sbom.spdx.json', limits: DEFAULT_LIMITS });
    expect(edges(graph, 'a@1.0.0')).toEqual(['b@1.0.0']);
    expect(graph.packages.get('b@1.0.0')?.ecosystem).toBe('pypi');
    expect(graph.packages.get('c@1.0.0')?.dev).toBe(true);
    expect(graph.packages.get('a@1.0.0')).toMatchObject({
      license: 'MIT',
      integrity: `sha1-${Buffer.from('ab'.repeat(20), 'hex').toString('base64')}`,
      dev: false,
    });
  });
});

describe('SPDX bad input', () => {
  const code = async (content: string, limits: Limits = DEFAULT_LIMITS): Promise<string> => {
    try {
      await spdxParser.parse(content, { path: 'sbom.spdx.json', limits });
    } catch (error) {
      if (error instanceof ParseError) {
        expect(error.message).toMatch(/^sbom\.spdx\.json: /);
        return error.code;
      }
      throw error;
    }
    return 'parsed';
  };

  it('refuses truncated JSON and what is not SPDX', async () => {
    expect(await code(doc().slice(0, 120))).toBe('MALFORMED');
    expect(await code('{"bomFormat":"CycloneDX"}')).toBe('UNKNOWN_FORMAT');
  });

  it('refuses "packages" or "relationships" that is null or not an array, naming the field', async () => {
    for (const [field, value] of [['packages', null], ['packages', {}], ['relationships', null], ['relationships', 'x']] as const) {
      const error = await rejectedWith(ParseError, spdxParser.parse(doc({ [field]: value }), { path: 'sbom.spdx.json', limits: DEFAULT_LIMITS }));
      expect(error.code).toBe('MALFORMED');
      expect(error.message).toContain(`"${field}" that is ${value === null ? 'null' : typeof value}`);
    }
  });

  it.each(['SPDX-3.0', 'SPDX-1.2', 'spdx'])('refuses spdxVersion %s', async (spdxVersion) => {
    expect(await code(doc({ spdxVersion }))).toBe('UNSUPPORTED_VERSION');
  });

  it('refuses an SPDXID given twice and a relationship to an unknown element', async () => {
    const twice = JSON.parse(doc()) as { packages: unknown[] };
    twice.packages.push(twice.packages[1]);
    expect(await code(JSON.stringify(twice))).toBe('CONFLICT');
    const dangling = [{ relationshipType: 'DEPENDS_ON', spdxElementId: 'SPDXRef-root', relatedSpdxElement: 'SPDXRef-nope' }];
    expect(await code(doc({ relationships: dangling }))).toBe('MALFORMED');
  });

  it('refuses files over the size limit and too many packages or edges', async () => {
    expect(await code(doc(), { ...DEFAULT_LIMITS, maxBytes: 100 })).toBe('TOO_LARGE');
    expect(await code(doc(), { ...DEFAULT_LIMITS, maxPackages: 2 })).toBe('LIMIT_EXCEEDED');
    expect(await code(doc(), { ...DEFAULT_LIMITS, maxEdges: 2 })).toBe('LIMIT_EXCEEDED');
  });

  it.each([
    ['a path', 'pkg:npm/..%2Fevil@1.0.0'],
    ['a control character', 'pkg:npm/evil%0A@1.0.0'],
    ['HTML', 'pkg:pypi/%3Cscript%3Ealert(1)%3C%2Fscript%3E@1.0.0'],
  ])('refuses a package name with %s', async (_what, purl) => {
    const packages = [
      { SPDXID: 'SPDXRef-x', name: 'x', versionInfo: '1', downloadLocation: 'NOASSERTION', filesAnalyzed: false, externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl }] },
    ];
    expect(await code(doc({ packages, relationships: [] }))).toBe('INVALID_NAME');
  });
});
