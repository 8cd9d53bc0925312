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
    });
  });

  it('points an npm: alias at the real package and leaves link: dependencies out', async () => {
    const graph = await parse(lock);
    const direct = graph.workspaces.get('.')?.dependencies.map((e) => `${e.alias} ${e.to}`);
    expect(direct).toContain('alias real@1.0.0');
    expect(direct?.some((d) => d.startsWith('linked '))).toBe(false);
    expect(direct).toHaveLength(5);
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
