import { describe, expect, it } from 'vitest';
import { artefactNamedBy, integrityDiffers } from '../../../src/core/signals/registry-tarball.js';

describe('artefactNamedBy', () => {
  it.each([
    ['https://registry.npmjs.org/debug/-/debug-4.4.1.tgz', 'debug', '4.4.1'],
    ['https://registry.npmjs.org/@babel/core/-/core-7.26.0.tgz', '@babel/core', '7.26.0'],
    ['https://registry.npmjs.org/@babel%2fcore/-/core-7.26.0.tgz', '@babel/core', '7.26.0'],
    ['https://registry.yarnpkg.com/debug/-/debug-4.4.1.tgz#d2c48e1b3b6a2c4f8e9f9f5a3b9d1c2a4e5f6a7b', 'debug', '4.4.1'],
    ['https://artifactory.example/api/npm/npm-remote/debug/-/debug-4.4.1.tgz', 'debug', '4.4.1'],
    ['https://npm.example:8443/prefix/@acme/ui/-/ui-1.0.0-beta.1.tgz', '@acme/ui', '1.0.0-beta.1'],
    ['https://acme.jfrog.io/artifactory/api/npm/npm/@types/node/-/@types/node-18.0.0.tgz', '@types/node', '18.0.0'],
    ['debug@npm:4.4.1', 'debug', '4.4.1'],
    ['@babel/core@npm:7.26.0', '@babel/core', '7.26.0'],
    ['debug@npm:4.4.1::__archiveUrl=https%3A%2F%2Fnpm.example%2Fdebug%2F-%2Fdebug-4.4.1.tgz', 'debug', '4.4.1'],
  ])('reads %s', (resolved, name, version) => {
    expect(artefactNamedBy(resolved)).toEqual({ name, version });
  });

  it('reads the archive URL of a yarn berry resolution when it names something else', () => {
    const resolution = 'debug@npm:4.4.1::__archiveUrl=https%3A%2F%2Fnpm.example%2Fdebug%2F-%2Fdebug-4.4.2.tgz';
    expect(artefactNamedBy(resolution)).toEqual({ name: 'debug', version: '4.4.2' });
  });

  it('reads a file name that does not start with the package name as no version', () => {
    expect(artefactNamedBy('https://registry.npmjs.org/debug/-/ms-2.1.3.tgz')).toEqual({ name: 'debug', version: '' });
  });

  it.each([
    'git+https://github.com/debug-js/debug.git#abc',
    'file:../debug-4.4.1.tgz',
    'https://codeload.github.com/debug-js/debug/tar.gz/abc',
    'https://registry.npmjs.org/debug/-/debug-4.4.1.tgz/extra',
    'https://registry.npmjs.org/debug/-/%E0%A4%A.tgz',
    'debug@patch:debug@npm%3A4.4.1#./patch',
    `https://registry.npmjs.org/debug/-/debug-${'1'.repeat(5000)}.tgz`,
  ])('makes no claim for %s', (resolved) => {
    expect(artefactNamedBy(resolved)).toBeUndefined();
  });
});

describe('integrityDiffers', () => {
  const A = `sha512-${'A'.repeat(86)}==`;
  const B = `sha512-${'B'.repeat(86)}==`;
  it('finds another digest for the same algorithm', () => {
    expect(integrityDiffers(A, B)).toBe(true);
    expect(integrityDiffers(A, A)).toBe(false);
    expect(integrityDiffers(`sha1-abc ${A}`, `${A}`)).toBe(false);
  });

  it('does not compare different algorithms', () => {
    expect(integrityDiffers('sha1-abc', A)).toBe(false);
  });
});
