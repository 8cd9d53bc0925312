import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';
import type { DependencyGraph } from '../../../src/core/model.js';
import { pnpmParser } from '../../../src/ecosystems/pnpm/index.js';

const INTEGRITY_A = 'sha512-AAAA';
const INTEGRITY_B = 'sha512-BBBB';

function parse(content: string): Promise<DependencyGraph> {
  return pnpmParser.parse(content, { path: 'pnpm-lock.yaml', limits: DEFAULT_LIMITS });
}

function edges(graph: DependencyGraph, id: string): string[] {
  return (graph.packages.get(id)?.dependencies ?? []).map((e) => `${e.alias} ${e.to} ${e.kind}`).sort();
}

// One plugin under two peer contexts (host 1 and host 2), each variant with a dependency of its own.
const PEER_VARIANTS = {
  '5.4': `lockfileVersion: 5.4
importers:
  a:
    specifiers: {plugin: ^1.0.0, host: 1.0.0}
    dependencies: {plugin: 1.0.0_host@1.0.0, host: 1.0.0}
  b:
    specifiers: {plugin: ^1.0.0, host: 2.0.0}
    dependencies: {plugin: 1.0.0_host@2.0.0, host: 2.0.0}
packages:
  /plugin/1.0.0_host@1.0.0:
    resolution: {integrity: ${INTEGRITY_A}}
    peerDependencies: {host: '*'}
    dependencies: {host: 1.0.0, left: 1.0.0}
  /plugin/1.0.0_host@2.0.0:
    resolution: {integrity: ${INTEGRITY_A}}
    peerDependencies: {host: '*'}
    dependencies: {host: 2.0.0, right: 1.0.0}
  /host/1.0.0: {resolution: {integrity: sha512-H1}}
  /host/2.0.0: {resolution: {integrity: sha512-H2}}
  /left/1.0.0: {resolution: {integrity: sha512-L}}
  /right/1.0.0: {resolution: {integrity: sha512-R}}
`,
  '6.0': `lockfileVersion: '6.0'
importers:
  a:
    dependencies:
      plugin: {specifier: ^1.0.0, version: 1.0.0(host@1.0.0)}
      host: {specifier: 1.0.0, version: 1.0.0}
  b:
    dependencies:
      plugin: {specifier: ^1.0.0, version: 1.0.0(host@2.0.0)}
      host: {specifier: 2.0.0, version: 2.0.0}
packages:
  /plugin@1.0.0(host@1.0.0):
    resolution: {integrity: ${INTEGRITY_A}}
    peerDependencies: {host: '*'}
    dependencies: {host: 1.0.0, left: 1.0.0}
  /plugin@1.0.0(host@2.0.0):
    resolution: {integrity: ${INTEGRITY_A}}
    peerDependencies: {host: '*'}
    dependencies: {host: 2.0.0, right: 1.0.0}
  /host@1.0.0: {resolution: {integrity: sha512-H1}}
  /host@2.0.0: {resolution: {integrity: sha512-H2}}
  /left@1.0.0: {resolution: {integrity: sha512-L}}
  /right@1.0.0: {resolution: {integrity: sha512-R}}
`,
  '9.0': `lockfileVersion: '9.0'
importers:
  a:
    dependencies:
      plugin: {specifier: ^1.0.0, version: 1.0.0(host@1.0.0)}
      host: {specifier: 1.0.0, version: 1.0.0}
  b:
    dependencies:
      plugin: {specifier: ^1.0.0, version: 1.0.0(host@2.0.0)}
      host: {specifier: 2.0.0, version: 2.0.0}
packages:
  plugin@1.0.0:
    resolution: {integrity: ${INTEGRITY_A}}
    peerDependencies: {host: '*'}
  host@1.0.0: {resolution: {integrity: sha512-H1}}
  host@2.0.0: {resolution: {integrity: sha512-H2}}
  left@1.0.0: {resolution: {integrity: sha512-L}}
  right@1.0.0: {resolution: {integrity: sha512-R}}
snapshots:
  plugin@1.0.0(host@1.0.0):
    dependencies: {host: 1.0.0, left: 1.0.0}
  plugin@1.0.0(host@2.0.0):
    dependencies: {host: 2.0.0, right: 1.0.0}
  host@1.0.0: {}
  host@2.0.0: {}
  left@1.0.0: {}
  right@1.0.0: {}
`,
} as const;

describe.each(Object.entries(PEER_VARIANTS))('peer variants in lockfileVersion %s', (_version, content) => {
  it('collapse into one package node carrying the edges of every variant', async () => {
    const graph = await parse(content);
    expect([...graph.packages.keys()].sort()).toEqual(['host@1.0.0', 'host@2.0.0', 'left@1.0.0', 'plugin@1.0.0', 'right@1.0.0']);
    expect(edges(graph, 'plugin@1.0.0')).toEqual([
      'host host@1.0.0 peer',
      'host host@2.0.0 peer',
      'left left@1.0.0 prod',
      'right right@1.0.0 prod',
    ]);
    expect(graph.packages.get('plugin@1.0.0')?.directIn).toEqual(new Set(['a', 'b']));
  });
});

describe('conflicting peer variants', () => {
  it('refuses two variants of one package that record different artefacts', async () => {
    const content = PEER_VARIANTS['5.4'].replace(
      `/plugin/1.0.0_host@2.0.0:\n    resolution: {integrity: ${INTEGRITY_A}}`,
      `/plugin/1.0.0_host@2.0.0:\n    resolution: {integrity: ${INTEGRITY_B}}`,
    );
    await expect(parse(content)).rejects.toMatchObject({ name: 'ParseError', code: 'CONFLICT' });
  });
});

describe('sources', () => {
  const lock = `lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      from-git: {specifier: github:user/from-git#abc, version: git+https://github.com/user/from-git.git#abc}
      from-archive: {specifier: github:user/from-archive, version: https://codeload.github.com/user/from-archive/tar.gz/def}
      from-url: {specifier: https://example.test/from-url.tgz, version: https://example.test/from-url.tgz}
      from-dir: {specifier: file:../from-dir, version: file:../from-dir}
      linked: {specifier: link:../linked, version: link:../linked}
      alias: {specifier: npm:real@1.0.0, version: real@1.0.0}
packages:
  from-git@git+https://github.com/user/from-git.git#abc:
    resolution: {type: git, repo: https://github.com/user/from-git.git, commit: abc}
    version: 1.0.0
  from-archive@https://codeload.github.com/user/from-archive/tar.gz/def:
    resolution: {tarball: https://codeload.github.com/user/from-archive/tar.gz/def}
    version: 2.0.0
  from-url@https://example.test/from-url.tgz:
    resolution: {integrity: ${INTEGRITY_A}, tarball: https://example.test/from-url.tgz}
    version: 3.0.0
  from-dir@file:../from-dir:
    resolution: {directory: ../from-dir, type: directory}
    version: 4.0.0
  real@1.0.0:
    resolution: {integrity: ${INTEGRITY_B}}
snapshots:
  from-git@git+https://github.com/user/from-git.git#abc: {}
  from-archive@https://codeload.github.com/user/from-archive/tar.gz/def: {}
  from-url@https://example.test/from-url.tgz: {}
  from-dir@file:../from-dir: {}
  real@1.0.0: {}
`;

  it('reads git, hosted-git archive, remote tarball and directory resolutions into source kinds', async () => {
    const graph = await parse(lock);
    const seen = Object.fromEntries([...graph.packages.values()].map((p) => [p.id, `${p.source} ${p.resolved ?? '-'}`]));
    expect(seen).toEqual({
      'from-git@1.0.0': 'git git+https://github.com/user/from-git.git#abc',
      'from-archive@2.0.0': 'git https://codeload.github.com/user/from-archive/tar.gz/def',
      'from-url@3.0.0': 'remote https://example.test/from-url.tgz',
      'from-dir@4.0.0': 'file file:../from-dir',
      'real@1.0.0': 'registry -',
      // A link: to a folder that is not an importer: named after the folder, version unknown, as npm does.
      'linked@file:../linked': 'link file:../linked',
    });
  });

  it('points an npm: alias at the real package and a link: to a folder at a link package', async () => {
    const graph = await parse(lock);
    const direct = graph.workspaces.get('.')?.dependencies.map((e) => `${e.alias} ${e.to}`);
    expect(direct).toContain('alias real@1.0.0');
    expect(direct).toContain('linked linked@file:../linked');
    expect(direct).toHaveLength(6);
    expect(graph.workspaces.get('.')?.links).toEqual([]);
  });
});

describe('link: dependencies', () => {
  const lock = `lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      api: {specifier: workspace:*, version: link:packages/api}
      tool: {specifier: link:tools/tool, version: link:tools/tool}
    devDependencies:
      nameless: {specifier: link:vendor/nameless, version: link:vendor/nameless}
  packages/api:
    dependencies:
      root: {specifier: 'workspace:*', version: 'link:../..'}
      lib: {specifier: 'workspace:^', version: link:../../libs/lib}
  libs/lib: {}
`;
  const siblings: Record<string, string> = {
    'packages/api/package.json': '{"name": "api", "version": "1.0.0"}',
    'tools/tool/package.json': '{"name": "@acme/tool", "version": "2.3.4"}',
  };
  const parseWithSiblings = (content: string, files = siblings): Promise<DependencyGraph> =>
    pnpmParser.parse(content, { path: 'pnpm-lock.yaml', limits: DEFAULT_LIMITS, openSibling: async (p) => files[p] });

  it('records a link: to another importer as a workspace link, relative to the importer', async () => {
    const graph = await parseWithSiblings(lock);
    expect(graph.workspaces.get('.')?.links).toEqual([{ to: 'packages/api', alias: 'api', kind: 'prod' }]);
    expect(graph.workspaces.get('packages/api')?.links).toEqual([
      { to: '.', alias: 'root', kind: 'prod' },
      { to: 'libs/lib', alias: 'lib', kind: 'prod' },
    ]);
    expect(graph.workspaces.get('packages/api')?.dependencies).toEqual([]);
  });

  it('makes a link: to a folder that is not an importer a link package named by its package.json', async () => {
    const graph = await parseWithSiblings(lock);
    expect(graph.packages.get('@acme/tool@2.3.4')).toMatchObject({
      name: '@acme/tool',
      source: 'link',
      resolved: 'file:tools/tool',
      purl: 'pkg:npm/%40acme/tool@2.3.4',
    });
    // No package.json to read: the folder's name and an unknown version.
    expect(graph.packages.get('nameless@file:vendor/nameless')).toMatchObject({ source: 'link', resolved: 'file:vendor/nameless', dev: true });
    expect(graph.workspaces.get('.')?.dependencies.map((e) => `${e.alias} ${e.to} ${e.kind}`)).toEqual([
      'tool @acme/tool@2.3.4 prod',
      'nameless nameless@file:vendor/nameless dev',
    ]);
    expect(graph.packages.size).toBe(2);
  });

  it('does not open a package.json outside the project for a link: that leaves it', async () => {
    const opened: string[] = [];
    const content = `lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      outside: {specifier: link:../../elsewhere/outside, version: link:../../elsewhere/outside}
`;
    const graph = await pnpmParser.parse(content, {
      path: 'pnpm-lock.yaml',
      limits: DEFAULT_LIMITS,
      openSibling: async (p) => {
        opened.push(p);
        return '{"name": "read-by-mistake", "version": "9.9.9"}';
      },
    });
    expect(opened).toEqual(['package.json']);
    expect(graph.packages.get('outside@file:../../elsewhere/outside')?.resolved).toBe('file:../../elsewhere/outside');
  });

  it('refuses a linked folder whose package.json names it with a path', async () => {
    const files = { ...siblings, 'tools/tool/package.json': '{"name": "../../evil", "version": "1.0.0"}' };
    await expect(parseWithSiblings(lock, files)).rejects.toMatchObject({ name: 'ParseError', code: 'INVALID_NAME' });
  });

  it('refuses a linked folder whose package.json is not JSON', async () => {
    const files = { ...siblings, 'tools/tool/package.json': '{"name": ' };
    await expect(parseWithSiblings(lock, files)).rejects.toMatchObject({ name: 'ParseError', code: 'MALFORMED' });
  });
});

describe('pnpm 11+ two-document lockfiles', () => {
  it('reads the project document, not the env document before it', async () => {
    const content = `---
lockfileVersion: '9.0'
importers:
  .:
    configDependencies: {}
    packageManagerDependencies:
      pnpm: {specifier: 11.0.0, version: 11.0.0}
packages:
  pnpm@11.0.0: {resolution: {integrity: sha512-P}}
snapshots:
  pnpm@11.0.0: {}

---
lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      real: {specifier: 1.0.0, version: 1.0.0}
packages:
  real@1.0.0: {resolution: {integrity: sha512-R}}
snapshots:
  real@1.0.0: {}
`;
    expect(pnpmParser.detect(content, 'pnpm-lock.yaml')).toBe(true);
    const graph = await parse(content);
    expect([...graph.packages.keys()]).toEqual(['real@1.0.0']);
  });
});

describe('single-project lockfiles', () => {
  it('reads 5.4 top-level dependencies as the root importer', async () => {
    const graph = await parse(`lockfileVersion: 5.4
specifiers: {a: ^1.0.0, b: ^1.0.0}
dependencies: {a: 1.0.0}
devDependencies: {b: 1.0.0}
packages:
  /a/1.0.0: {resolution: {integrity: sha512-A}, dependencies: {'@s/c': 1.0.0}}
  /b/1.0.0: {resolution: {integrity: sha512-B}, dev: true}
  /@s/c/1.0.0: {resolution: {integrity: sha512-C}, requiresBuild: true}
`);
    expect(graph.workspaces.get('.')?.dependencies.map((e) => `${e.alias} ${e.kind}`)).toEqual(['a prod', 'b dev']);
    expect(edges(graph, 'a@1.0.0')).toEqual(['@s/c @s/c@1.0.0 prod']);
    expect(graph.packages.get('@s/c@1.0.0')?.hasInstallScript).toBe(true);
    expect(graph.packages.get('b@1.0.0')?.dev).toBe(true);
  });

  it('detects pnpm lockfiles and nothing else', () => {
    expect(pnpmParser.detect("lockfileVersion: '9.0'\n", 'pnpm-lock.yaml')).toBe(true);
    expect(pnpmParser.detect('lockfileVersion: 5.4\n', 'pnpm-lock.yaml')).toBe(true);
    expect(pnpmParser.detect('{"lockfileVersion": 3}', 'package-lock.json')).toBe(false);
    expect(pnpmParser.detect('# yarn lockfile v1\n', 'yarn.lock')).toBe(false);
  });
});
