import { Enums, type Models } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import { buildBom, DEV_PROPERTY, INSTALL_SCRIPT_PROPERTY, LOCKFILE_PROPERTY } from '../../../src/core/sbom/index.js';
import type { BomOptions } from '../../../src/core/sbom/index.js';
import {
  EMPTY_SHA1_HEX,
  EMPTY_SHA1_SRI,
  EMPTY_SHA512_HEX,
  EMPTY_SHA512_SRI,
  newBuilder,
  npmPackage,
  sampleAppGraph,
  sampleMonorepoGraph,
} from './sample-graphs.js';

const OPTIONS: BomOptions = { root: { name: 'repo', version: '2.0.0' }, toolVersion: '0.1.0', deterministic: true };

function byRef(bom: Models.Bom, ref: string): Models.Component {
  const found = [...bom.components].find((c) => c.bomRef.value === ref);
  if (!found) throw new Error(`no component ${ref}; have ${[...bom.components].map((c) => c.bomRef.value).join(', ')}`);
  return found;
}

function properties(component: Models.Component, name: string): string[] {
  return [...component.properties].filter((p) => p.name === name).map((p) => p.value).sort();
}

function dependsOn(component: Models.Component): string[] {
  return [...component.dependencies].map((r) => r.toString()).sort();
}

describe('buildBom', () => {
  it('makes one library component per package with name, version, purl and the purl as bom-ref', () => {
    const bom = buildBom([sampleAppGraph()], OPTIONS);
    expect([...bom.components].map((c) => c.bomRef.value).sort()).toEqual([
      'pkg:npm/%40types/node@20.19.43',
      'pkg:npm/accepts@1.3.8',
      'pkg:npm/express@4.21.2',
      'pkg:npm/fsevents@2.3.3',
    ]);
    const express = byRef(bom, 'pkg:npm/express@4.21.2');
    expect(express.type).toBe(Enums.ComponentType.Library);
    expect([express.group, express.name, express.version, express.purl]).toEqual([undefined, 'express', '4.21.2', 'pkg:npm/express@4.21.2']);
  });

  it('puts an npm scope into group, as cyclonedx-npm does', () => {
    const types = byRef(buildBom([sampleAppGraph()], OPTIONS), 'pkg:npm/%40types/node@20.19.43');
    expect([types.group, types.name]).toEqual(['@types', 'node']);
  });

  it('marks dev-only packages excluded with the npm development property, optional ones optional, the rest required', () => {
    const bom = buildBom([sampleAppGraph()], OPTIONS);
    const types = byRef(bom, 'pkg:npm/%40types/node@20.19.43');
    expect(types.scope).toBe(Enums.ComponentScope.Excluded);
    expect(properties(types, DEV_PROPERTY)).toEqual(['true']);
    const fsevents = byRef(bom, 'pkg:npm/fsevents@2.3.3');
    expect(fsevents.scope).toBe(Enums.ComponentScope.Optional);
    expect(properties(fsevents, DEV_PROPERTY)).toEqual([]);
    expect(byRef(bom, 'pkg:npm/accepts@1.3.8').scope).toBe(Enums.ComponentScope.Required);
  });

  it('decodes SRI integrity into hex hashes', () => {
    const bom = buildBom([sampleAppGraph()], OPTIONS);
    expect([...byRef(bom, 'pkg:npm/express@4.21.2').hashes]).toEqual([[Enums.HashAlgorithm['SHA-512'], EMPTY_SHA512_HEX]]);
    expect([...byRef(bom, 'pkg:npm/accepts@1.3.8').hashes]).toEqual([[Enums.HashAlgorithm['SHA-1'], EMPTY_SHA1_HEX]]);
    expect(byRef(bom, 'pkg:npm/fsevents@2.3.3').hashes.size).toBe(0);
  });

  it('records the lockfile and the install-script flag where known', () => {
    const bom = buildBom([sampleAppGraph()], OPTIONS);
    expect(properties(byRef(bom, 'pkg:npm/fsevents@2.3.3'), INSTALL_SCRIPT_PROPERTY)).toEqual(['true']);
    expect(properties(byRef(bom, 'pkg:npm/express@4.21.2'), INSTALL_SCRIPT_PROPERTY)).toEqual(['false']);
    expect(properties(byRef(bom, 'pkg:npm/accepts@1.3.8'), INSTALL_SCRIPT_PROPERTY)).toEqual([]);
    expect(properties(byRef(bom, 'pkg:npm/accepts@1.3.8'), LOCKFILE_PROPERTY)).toEqual(['package-lock.json']);
  });

  it('links the root to direct dependencies and each package to its edges', () => {
    const bom = buildBom([sampleAppGraph()], OPTIONS);
    const root = bom.metadata.component as Models.Component;
    expect([root.type, root.name, root.version, root.bomRef.value]).toEqual([Enums.ComponentType.Application, 'repo', '2.0.0', 'workspace:.']);
    expect(dependsOn(root)).toEqual(['pkg:npm/%40types/node@20.19.43', 'pkg:npm/express@4.21.2', 'pkg:npm/fsevents@2.3.3']);
    expect(dependsOn(byRef(bom, 'pkg:npm/express@4.21.2'))).toEqual(['pkg:npm/accepts@1.3.8']);
    expect(dependsOn(byRef(bom, 'pkg:npm/accepts@1.3.8'))).toEqual([]);
  });

  it('names chaingate and its version in metadata.tools', () => {
    const tools = [...buildBom([], OPTIONS).metadata.tools.components];
    expect(tools.map((t) => [t.name, t.version])).toEqual([['chaingate', '0.1.0']]);
  });

  it('makes each non-root workspace an application component the root depends on', () => {
    const bom = buildBom([sampleMonorepoGraph()], OPTIONS);
    const api = byRef(bom, 'workspace:packages/api');
    expect([api.type, api.name, api.version]).toEqual([Enums.ComponentType.Application, 'api', '1.2.3']);
    expect(dependsOn(api)).toContain('pkg:npm/express@4.21.2');
    expect(dependsOn(bom.metadata.component as Models.Component)).toEqual([
      'pkg:npm/lodash@4.17.21',
      'workspace:packages/api',
      'workspace:packages/shared',
    ]);
  });

  it('makes a workspace depend on the workspace it links to, not on a library component for it', () => {
    const bom = buildBom([sampleMonorepoGraph()], OPTIONS);
    expect(dependsOn(byRef(bom, 'workspace:packages/api'))).toEqual(['pkg:npm/express@4.21.2', 'workspace:packages/shared']);
    expect(dependsOn(byRef(bom, 'workspace:packages/shared'))).toEqual(['pkg:npm/ms@2.1.3']);
    expect([...bom.components].filter((c) => c.name === 'shared').map((c) => c.bomRef.value)).toEqual(['workspace:packages/shared']);
  });

  it('resolves workspace links of a lockfile in a subdirectory to that directory', () => {
    const bom = buildBom([sampleMonorepoGraph('web/package-lock.json')], OPTIONS);
    expect(dependsOn(byRef(bom, 'workspace:web/packages/api'))).toEqual(['pkg:npm/express@4.21.2', 'workspace:web/packages/shared']);
  });

  it('links a workspace to the root component when it depends on the root workspace', () => {
    const b = newBuilder();
    b.addWorkspace('.', 'mono', '0.0.0');
    b.addWorkspace('tools/cli', 'cli', '1.0.0');
    b.addWorkspaceLink('tools/cli', '.', 'mono', 'dev');
    b.addWorkspaceLink('tools/cli', 'tools/missing', 'missing', 'prod');
    const bom = buildBom([b.build()], OPTIONS);
    expect(dependsOn(byRef(bom, 'workspace:tools/cli'))).toEqual(['workspace:.']);
  });

  it('places the root of a lockfile in a subdirectory as a workspace of that directory', () => {
    const bom = buildBom([sampleAppGraph('docs/site/package-lock.json')], OPTIONS);
    const docs = byRef(bom, 'workspace:docs/site');
    expect(docs.name).toBe('sample-app');
    expect(properties(docs, LOCKFILE_PROPERTY)).toEqual(['docs/site/package-lock.json']);
    expect(dependsOn(docs)).toContain('pkg:npm/express@4.21.2');
    expect(dependsOn(bom.metadata.component as Models.Component)).toEqual(['workspace:docs/site']);
  });

  it('merges the same artefact from two lockfiles into one component listing both lockfiles', () => {
    const bom = buildBom([sampleAppGraph('package-lock.json'), sampleAppGraph('tools/package-lock.json')], OPTIONS);
    expect(bom.components.size).toBe(5); // four packages + workspace:tools
    expect(properties(byRef(bom, 'pkg:npm/express@4.21.2'), LOCKFILE_PROPERTY)).toEqual(['package-lock.json', 'tools/package-lock.json']);
  });

  it('keeps two artefacts under one purl apart with a deterministic #2 bom-ref', () => {
    const one = newBuilder('a/package-lock.json');
    one.addWorkspaceEdge('.', one.addPackage(npmPackage('left-pad', '1.3.0', { integrity: EMPTY_SHA512_SRI })), 'left-pad', 'prod');
    const two = newBuilder('b/package-lock.json');
    two.addWorkspaceEdge('.', two.addPackage(npmPackage('left-pad', '1.3.0', { integrity: EMPTY_SHA1_SRI })), 'left-pad', 'prod');
    const graphs = [one.build(), two.build()];
    for (const order of [graphs, [...graphs].reverse()]) {
      const bom = buildBom(order, OPTIONS);
      // Integrities sort 'sha1-…' before 'sha512-…', whatever order the lockfiles came in.
      expect(properties(byRef(bom, 'pkg:npm/left-pad@1.3.0'), LOCKFILE_PROPERTY)).toEqual(['b/package-lock.json']);
      expect(properties(byRef(bom, 'pkg:npm/left-pad@1.3.0#2'), LOCKFILE_PROPERTY)).toEqual(['a/package-lock.json']);
      expect(byRef(bom, 'pkg:npm/left-pad@1.3.0#2').purl).toBe('pkg:npm/left-pad@1.3.0');
      expect(dependsOn(byRef(bom, 'workspace:a'))).toEqual(['pkg:npm/left-pad@1.3.0#2']);
    }
  });

  it('gives a package needed at runtime by any lockfile the required scope and no dev property', () => {
    const dev = newBuilder('a/package-lock.json');
    dev.addWorkspaceEdge('.', dev.addPackage(npmPackage('chalk', '5.3.0')), 'chalk', 'dev');
    const prod = newBuilder('b/package-lock.json');
    prod.addWorkspaceEdge('.', prod.addPackage(npmPackage('chalk', '5.3.0')), 'chalk', 'prod');
    const chalk = byRef(buildBom([dev.build(), prod.build()], OPTIONS), 'pkg:npm/chalk@5.3.0');
    expect(chalk.scope).toBe(Enums.ComponentScope.Required);
    expect(properties(chalk, DEV_PROPERTY)).toEqual([]);
  });

  it('records an http(s) resolved URL as distribution without credentials, and nothing for git or file sources', () => {
    const b = newBuilder();
    b.addPackage(npmPackage('private', '1.0.0', { resolved: 'https://user:s3cret@npm.example.com/private/-/private-1.0.0.tgz' }));
    b.addPackage(npmPackage('from-git', '1.0.0', { resolved: 'git+ssh://git@github.com/o/r.git#abc', source: 'git' }));
    b.addPackage(npmPackage('local', '1.0.0', { resolved: 'file:../local', source: 'file' }));
    const bom = buildBom([b.build()], OPTIONS);
    const urls = (ref: string): string[] => [...byRef(bom, ref).externalReferences].map((r) => `${r.type} ${r.url.toString()}`);
    expect(urls('pkg:npm/private@1.0.0')).toEqual(['distribution https://npm.example.com/private/-/private-1.0.0.tgz']);
    expect(urls('pkg:npm/from-git@1.0.0')).toEqual([]);
    expect(urls('pkg:npm/local@1.0.0')).toEqual([]);
  });

  it('omits a purl that packageurl-js rejects but still gives the component a unique bom-ref', () => {
    const b = newBuilder('sbom.cdx.json', 'cyclonedx-json');
    b.addPackage({ name: 'odd', version: '1', purl: 'not a purl', source: 'unknown', ecosystem: 'generic' });
    const [odd] = [...buildBom([b.build()], OPTIONS).components];
    expect([odd?.name, odd?.purl, odd?.bomRef.value]).toEqual(['odd', undefined, 'not a purl']);
  });

  it('has no timestamp or serial number when deterministic, and the given ones otherwise', () => {
    const timestamp = new Date('2025-01-02T03:04:05.000Z');
    const serialNumber = 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79';
    const deterministic = buildBom([], { ...OPTIONS, timestamp, serialNumber });
    expect([deterministic.metadata.timestamp, deterministic.serialNumber]).toEqual([undefined, undefined]);
    const stamped = buildBom([], { ...OPTIONS, deterministic: false, timestamp, serialNumber });
    expect([stamped.metadata.timestamp, stamped.serialNumber]).toEqual([timestamp, serialNumber]);
  });

  it('rejects a serial number that is not a urn:uuid', () => {
    expect(() => buildBom([], { ...OPTIONS, deterministic: false, serialNumber: 'abc' })).toThrow(RangeError);
  });
});
