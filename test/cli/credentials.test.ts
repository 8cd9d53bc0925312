import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, ParseError, UpstreamError, UsageError } from '../../src/core/errors.js';
import { cli } from '../helpers/cli.js';

// npm v1 writes a git dependency's URL, token and all, into `version`; npm v2/v3 into `resolved`.
const SECRET = 'ghp_s3cretT0ken';
const SHA = '0123456789abcdef0123456789abcdef01234567';
const v1 = {
  name: 'app',
  version: '1.0.0',
  lockfileVersion: 1,
  requires: true,
  dependencies: {
    private: { version: `git+https://${SECRET}@github.com/acme/private.git#${SHA}`, from: `git+https://${SECRET}@github.com/acme/private.git` },
  },
};
const v3 = {
  name: 'app',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: 'app', version: '1.0.0', dependencies: { private: `git+https://deploy:${SECRET}@github.com/acme/private.git`, fork: 'npm:forked@1.0.0' } },
    'node_modules/private': { version: '1.0.0', resolved: `git+https://deploy:${SECRET}@github.com/acme/private.git#${SHA}` },
    'node_modules/fork': {
      name: 'forked',
      version: '1.0.0',
      resolved: `https://${SECRET}@registry.example.com/forked/-/forked-1.0.0.tgz`,
      integrity: 'sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==',
    },
  },
};
const empty = { name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'app', version: '1.0.0' } } };

const dir = mkdtempSync(join(tmpdir(), 'chaingate-credentials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function lockfile(name: string, content: unknown): string {
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, 'package-lock.json'), JSON.stringify(content, null, 2));
  return join(dir, name, 'package-lock.json');
}
const files = { v1: lockfile('v1', v1), v3: lockfile('v3', v3), empty: lockfile('empty', empty) };

describe.each([
  ['npm v1 (token in version)', files.v1],
  ['npm v3 (user and password in resolved)', files.v3],
])('no credential reaches any output: %s', (_name, head) => {
  it.each([
    ['sbom', 'json'],
    ['sbom', 'xml'],
    ['diff', 'text'],
    ['diff', 'json'],
    ['diff', 'markdown'],
    ['check', 'text'],
    ['check', 'json'],
    ['check', 'markdown'],
    ['check', 'sarif'],
  ])('%s --format %s', async (command, format) => {
    const args =
      command === 'sbom' ? ['sbom', head] : command === 'diff' ? ['diff', '--base', files.empty, '--head', head] : ['check', '--base', files.empty, '--head', head, '--offline', '--advisories', dir];
    const { stdout, stderr } = await cli([...args, '--format', format], '/');
    expect(stdout).toContain('private');
    expect(stdout + stderr).not.toContain(SECRET);
  });
});

it('keeps the rest of the URL, so the source stays visible', async () => {
  const { stdout } = await cli(['sbom', files.v1], '/');
  expect(stdout).toContain(`git+https://github.com/acme/private.git#${SHA}`);
});

describe('error messages', () => {
  it.each([
    () => new ParseError('MALFORMED', 'package-lock.json', `entry "private" resolves to git+https://${SECRET}@github.com/a/b`),
    () => new ConfigError('INVALID_VALUE', '.github/chaingate.yml', `registry https://u:${SECRET}@r.example.com is not allowed`),
    () => new UsageError('BAD_ARGUMENT', `--registry https://${SECRET}@r.example.com is not a URL`),
    () => new UpstreamError('UNREACHABLE', `https://${SECRET}@r.example.com`, 'connection refused'),
  ])('quote lockfile values without their credentials (%#)', (make) => {
    const error = make();
    expect(error.message).not.toContain(SECRET);
    expect(error.message).toMatch(/https:\/\/(?:github\.com|r\.example\.com)/u);
  });
});
