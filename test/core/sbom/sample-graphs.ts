import { GraphBuilder, type PackageInput } from '../../../src/core/graph/builder.js';
import { npmPurl } from '../../../src/core/graph/purl.js';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';
import type { DependencyGraph, LockfileFormat } from '../../../src/core/model.js';

/** sha512 of the empty string, as SRI and as hex. */
export const EMPTY_SHA512_SRI =
  'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==';
export const EMPTY_SHA512_HEX =
  'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e';
/** sha1 of the empty string, as SRI and as hex. */
export const EMPTY_SHA1_SRI = 'sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=';
export const EMPTY_SHA1_HEX = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';

export function newBuilder(path = 'package-lock.json', format: LockfileFormat = 'npm-package-lock'): GraphBuilder {
  return new GraphBuilder({ path, format, formatVersion: '3', limits: DEFAULT_LIMITS });
}

/** A registry package input with its purl and an https resolved URL. */
export function npmPackage(name: string, version: string, extra: Partial<PackageInput> = {}): PackageInput {
  return {
    name,
    version,
    purl: npmPurl(name, version),
    resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop() ?? name}-${version}.tgz`,
    source: 'registry',
    ...extra,
  };
}

/**
 * A small app: prod dep `express` → `accepts`; scoped dev dep `@types/node`;
 * optional dep `fsevents` with an install script; licences as an id, an
 * expression and free text.
 */
export function sampleAppGraph(path = 'package-lock.json'): DependencyGraph {
  const b = newBuilder(path);
  b.addWorkspace('.', 'sample-app', '1.0.0');
  const express = b.addPackage(npmPackage('express', '4.21.2', { integrity: EMPTY_SHA512_SRI, license: 'MIT', hasInstallScript: false }));
  const accepts = b.addPackage(npmPackage('accepts', '1.3.8', { integrity: EMPTY_SHA1_SRI, license: '(MIT OR Apache-2.0)' }));
  const types = b.addPackage(npmPackage('@types/node', '20.19.43', { license: 'SEE LICENSE IN LICENSE.md' }));
  const fsevents = b.addPackage(npmPackage('fsevents', '2.3.3', { license: 'MIT', hasInstallScript: true }));
  b.addWorkspaceEdge('.', express, 'express', 'prod');
  b.addWorkspaceEdge('.', types, '@types/node', 'dev');
  b.addWorkspaceEdge('.', fsevents, 'fsevents', 'optional');
  b.addPackageEdge(express, accepts, 'accepts', 'prod');
  return b.build();
}

/**
 * A monorepo: root depends on `lodash` (dev), workspace `packages/api` on
 * `express` and on workspace `packages/shared` (a link), which depends on `ms`.
 */
export function sampleMonorepoGraph(path = 'package-lock.json'): DependencyGraph {
  const b = newBuilder(path);
  b.addWorkspace('.', 'mono', '0.0.0');
  b.addWorkspace('packages/api', 'api', '1.2.3');
  b.addWorkspace('packages/shared', 'shared', '1.0.0');
  const lodash = b.addPackage(npmPackage('lodash', '4.17.21', { integrity: EMPTY_SHA512_SRI }));
  const express = b.addPackage(npmPackage('express', '4.21.2'));
  b.addWorkspaceEdge('.', lodash, 'lodash', 'dev');
  b.addWorkspaceEdge('packages/api', express, 'express', 'prod');
  b.addWorkspaceLink('packages/api', 'packages/shared', 'shared', 'prod');
  b.addWorkspaceEdge('packages/shared', b.addPackage(npmPackage('ms', '2.1.3')), 'ms', 'prod');
  return b.build();
}
