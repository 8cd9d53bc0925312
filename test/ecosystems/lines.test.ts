import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LockfileFormat } from '../../src/core/model.js';
import { lineOf } from '../../src/core/report/lockfile-lines.js';
import { findPackageLine, indexPackageLines } from '../../src/ecosystems/lines.js';
import { parseLockfile } from '../../src/ecosystems/detect.js';
import { FIXTURES, fixtureOptions, readFixture } from '../helpers/fixtures.js';

/** [fixture, format, name, version, 1-based line as read from the file]. */
const CASES: [string, LockfileFormat, string, string, number][] = [
  ['npm/v3/app/package-lock.json', 'npm-package-lock', 'debug', '4.4.3', 172],
  ['npm/v3/app/package-lock.json', 'npm-package-lock', 'debug', '2.6.9', 82],
  ['npm/v3/app/package-lock.json', 'npm-package-lock', 'lodash', '3.10.1', 528],
  ['npm/v1/app/package-lock.json', 'npm-package-lock', 'debug', '4.4.3', 116],
  ['npm/v1/app/package-lock.json', 'npm-package-lock', 'lodash', '3.10.1', 377],
  ['yarn/classic/app/yarn.lock', 'yarn-classic', 'debug', '2.6.9', 94],
  ['yarn/classic/app/yarn.lock', 'yarn-classic', 'debug', '4.4.3', 101],
  ['yarn/classic/app/yarn.lock', 'yarn-classic', 'lodash', '3.10.1', 316],
  ['yarn/berry4/app/yarn.lock', 'yarn-berry', 'debug', '4.4.3', 132],
  ['yarn/berry4/app/yarn.lock', 'yarn-berry', 'lodash', '3.10.1', 425],
  ['pnpm/pnpm7/app/pnpm-lock.yaml', 'pnpm-lock', 'debug', '4.4.3', 131],
  ['pnpm/pnpm7/app/pnpm-lock.yaml', 'pnpm-lock', 'react-dom', '18.3.1', 469],
  ['pnpm/pnpm8/app/pnpm-lock.yaml', 'pnpm-lock', 'debug', '2.6.9', 131],
  ['pnpm/pnpm8/app/pnpm-lock.yaml', 'pnpm-lock', 'react-dom', '18.3.1', 480],
  ['pnpm/pnpm9/app/pnpm-lock.yaml', 'pnpm-lock', 'debug', '4.4.3', 100],
  ['bun/app/bun.lock', 'bun-lock', 'debug', '4.4.3', 51],
  ['bun/app/bun.lock', 'bun-lock', 'debug', '2.6.9', 185],
  ['bun/app/bun.lock', 'bun-lock', 'lodash', '3.10.1', 109],
];

describe('findPackageLine', () => {
  it.each(CASES)('%s: %s %s@%s is on line %i', async (rel, format, name, version, line) => {
    expect(findPackageLine(await readFixture(rel), format, name, version)).toBe(line);
  });

  it('knows no line for a package the lockfile does not hold, or for SBOM formats', async () => {
    expect(findPackageLine(await readFixture('npm/v3/app/package-lock.json'), 'npm-package-lock', 'left-pad', '1.3.0')).toBeUndefined();
    expect(findPackageLine('{"bomFormat":"CycloneDX"}', 'cyclonedx-json', 'a', '1.0.0')).toBeUndefined();
  });

  it('reads scoped names in every format', () => {
    const npm = '{\n  "packages": {\n    "node_modules/@scope/pkg": {\n      "version": "1.2.3"\n    }\n  }\n}\n';
    const classic = '"@scope/pkg@^1.0.0", "@scope/pkg@^1.2.0":\n  version "1.2.3"\n';
    const berry = '"@scope/pkg@npm:^1.0.0":\n  version: 1.2.3\n  resolution: "@scope/pkg@npm:1.2.3"\n';
    const pnpm5 = "lockfileVersion: 5.4\n\npackages:\n\n  /@scope/pkg/1.2.3_react@18.3.1:\n    resolution: {integrity: sha512-x}\n";
    const pnpm6 = "lockfileVersion: '6.0'\n\npackages:\n\n  /@scope/pkg@1.2.3(react@18.3.1):\n    resolution: {integrity: sha512-x}\n";
    const pnpm9 = "lockfileVersion: '9.0'\n\npackages:\n\n  '@scope/pkg@1.2.3':\n    resolution: {integrity: sha512-x}\n";
    const bun = '{\n  "lockfileVersion": 1,\n  "packages": {\n    "@scope/pkg": ["@scope/pkg@1.2.3", "", {}, "sha512-x"],\n  }\n}\n';
    expect(findPackageLine(npm, 'npm-package-lock', '@scope/pkg', '1.2.3')).toBe(3);
    expect(findPackageLine(classic, 'yarn-classic', '@scope/pkg', '1.2.3')).toBe(1);
    expect(findPackageLine(berry, 'yarn-berry', '@scope/pkg', '1.2.3')).toBe(1);
    expect(findPackageLine(pnpm5, 'pnpm-lock', '@scope/pkg', '1.2.3')).toBe(5);
    expect(findPackageLine(pnpm6, 'pnpm-lock', '@scope/pkg', '1.2.3')).toBe(5);
    expect(findPackageLine(pnpm9, 'pnpm-lock', '@scope/pkg', '1.2.3')).toBe(5);
    expect(findPackageLine(bun, 'bun-lock', '@scope/pkg', '1.2.3')).toBe(4);
  });

  it('reads Windows line endings', () => {
    expect(findPackageLine('debug@^4.3.7:\r\n  version "4.4.3"\r\n', 'yarn-classic', 'debug', '4.4.3')).toBe(1);
  });

  it('does not break on damaged text', () => {
    expect(indexPackageLines('{\n  "packages": {\n    }}}}\n  "x": {', 'npm-package-lock').size).toBe(0);
    expect(indexPackageLines('packages:\n  ::::\n', 'pnpm-lock').size).toBe(0);
  });
});

describe('lineOf', () => {
  it('falls back to the first entry of the name when the version is not spelt out in the lockfile', () => {
    const lines = new Map([['package-lock.json', indexPackageLines('{\n  "dependencies": {\n    "local-lib": {\n      "version": "file:local-lib"\n    }\n  }\n}\n', 'npm-package-lock')]]);
    expect(lineOf(lines, 'package-lock.json', 'local-lib', '0.1.0')).toBe(3);
    expect(lineOf(lines, 'other/package-lock.json', 'local-lib', '0.1.0')).toBeUndefined();
    expect(lineOf(undefined, 'package-lock.json', 'local-lib', '0.1.0')).toBeUndefined();
  });
});

function lockfilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return lockfilesUnder(path);
    return /^(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lock)$/u.test(name) ? [path] : [];
  });
}

describe('indexPackageLines on every lockfile fixture', () => {
  const files = ['npm', 'yarn', 'pnpm', 'bun'].flatMap((d) => lockfilesUnder(join(FIXTURES, d))).map((f) => relative(FIXTURES, f));

  it.each(files)('places every package the parser reads in %s on a line that names it', async (rel) => {
    const content = await readFixture(rel);
    const graph = await parseLockfile(content, fixtureOptions(rel));
    const index = new Map([[graph.path, indexPackageLines(content, graph.format)]]);
    const text = content.split('\n');
    for (const node of graph.packages.values()) {
      const line = lineOf(index, graph.path, node.name, node.version);
      expect(line, `${node.name}@${node.version}`).toBeDefined();
      // The entry line, or for bun/npm-v2 folders the line after it, names the package.
      expect(`${text[line! - 1]}${text[line!]}`, `${node.name}@${node.version}`).toContain(node.name.slice(node.name.indexOf('/') + 1));
    }
  });
});
