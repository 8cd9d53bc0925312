import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diskRepo, readBounded } from '../../../src/adapters/fs/disk-repo.js';
import { ParseError } from '../../../src/core/errors.js';
import { cli } from '../../helpers/cli.js';
import { rejectedWith } from '../../helpers/errors.js';
import { FIXTURES } from '../../helpers/fixtures.js';

const UPGRADE = join(FIXTURES, 'npm/v3-resolved/upgrade');
const MAX = 1024 * 1024;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chaingate-disk-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('diskRepo', () => {
  it('lists regular files and links, never walking into linked folders or node_modules', async () => {
    await mkdir(join(dir, 'packages', 'a'), { recursive: true });
    await mkdir(join(dir, 'node_modules', 'x'), { recursive: true });
    await writeFile(join(dir, 'package.json'), '{}');
    await writeFile(join(dir, 'packages', 'a', 'package.json'), '{}');
    await writeFile(join(dir, 'node_modules', 'x', 'package-lock.json'), '{}');
    await symlink(join(UPGRADE, 'head', 'package-lock.json'), join(dir, 'package-lock.json'));
    await symlink(join(UPGRADE, 'head'), join(dir, 'packages', 'linked'));
    expect(await diskRepo(dir).listFiles()).toEqual(['package-lock.json', 'package.json', 'packages/a/package.json', 'packages/linked']);
  });

  it('reads a regular file, and answers undefined for a missing one, a folder or a path that climbs out', async () => {
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', 'a.json'), 'hello');
    const repo = diskRepo(dir);
    expect(Buffer.from((await repo.readFile('sub/a.json', MAX))!).toString()).toBe('hello');
    expect(await repo.readFile('sub/missing.json', MAX)).toBeUndefined();
    expect(await repo.readFile('sub', MAX)).toBeUndefined();
    expect(await repo.readFile('sub/a.json/x', MAX)).toBeUndefined();
    expect(await repo.readFile('../etc/passwd', MAX)).toBeUndefined();
    expect(await repo.readFile('sub/../sub/a.json', MAX)).toBeUndefined();
  });

  it('refuses a file that is a symbolic link, naming it, wherever the link points', async () => {
    await writeFile(join(dir, 'real.json'), '{}');
    await symlink(join(dir, 'real.json'), join(dir, 'inside.json'));
    await symlink('/etc/hostname', join(dir, 'outside.json'));
    await symlink('/dev/zero', join(dir, 'package.json'));
    await symlink(join(dir, 'nowhere'), join(dir, 'dangling.json'));
    const repo = diskRepo(dir);
    for (const name of ['inside.json', 'outside.json', 'package.json', 'dangling.json']) {
      const error = await rejectedWith(ParseError, repo.readFile(name, MAX));
      expect(error.code).toBe('UNKNOWN_FORMAT');
      expect(error.message).toMatch(new RegExp(`^${name.replace('.', '\\.')}: is a symbolic link`, 'u'));
    }
  });

  it('refuses a path through a linked folder', async () => {
    await mkdir(join(dir, 'packages'));
    await symlink('/etc', join(dir, 'packages', 'evil'));
    const error = await rejectedWith(ParseError, diskRepo(dir).readFile('packages/evil/hostname', MAX));
    expect(error.message).toContain('packages/evil/hostname: is inside packages/evil, which is a symbolic link');
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    execFileSync('mkfifo', [join(dir, 'package.json')]);
    const error = await rejectedWith(ParseError, diskRepo(dir).readFile('package.json', MAX));
    expect(error.message).toContain('not a regular file');
  });

  it('refuses an oversize file before reading it', async () => {
    await writeFile(join(dir, 'big.json'), Buffer.alloc(2 * MAX));
    expect((await rejectedWith(ParseError, diskRepo(dir).readFile('big.json', MAX))).code).toBe('TOO_LARGE');
  });
});

describe('readBounded (a path the operator named, e.g. --policy)', () => {
  it('follows a link the operator chose, to a regular file', async () => {
    await writeFile(join(dir, 'policy.yml'), 'version: 1\n');
    await symlink(join(dir, 'policy.yml'), join(dir, 'link.yml'));
    expect(Buffer.from((await readBounded(join(dir, 'link.yml'), 'link.yml', MAX))!).toString()).toBe('version: 1\n');
  });

  it('refuses /dev/zero instead of reading until memory runs out', async () => {
    const error = await rejectedWith(ParseError, readBounded('/dev/zero', '/dev/zero', MAX));
    expect(error.message).toContain('/dev/zero: is not a regular file');
  });
});

// Going from each upgrade fixture's head back to its base brings in lodash 4.17.20 (GHSA-35jh-r3h4-6jhm).
describe.each([
  ['npm', 'npm/v3-resolved/upgrade', 'package-lock.json'],
  ['yarn classic (reads package.json for the direct dependencies)', 'yarn/classic/upgrade', 'yarn.lock'],
])('chaingate check on a %s directory with links', (_name, fixture, lockfile) => {
  async function headTree(): Promise<string> {
    const head = join(dir, 'head');
    await cp(join(FIXTURES, fixture, 'base'), head, { recursive: true });
    return head;
  }
  const check = (head: string) => cli(['check', '--base', join(FIXTURES, fixture, 'head'), '--head', head, '--offline', '--advisories', join(FIXTURES, 'osv/check')], '/');

  it('the same tree without links is read and blocked (lodash 4.17.20), so the cases below stop for the link', async () => {
    const { code, stdout } = await check(await headTree());
    expect(code).toBe(1);
    expect(stdout).toContain('GHSA-35jh-r3h4-6jhm');
  });

  it('stops with exit 2 naming a lockfile that is a link, instead of seeing no lockfile and passing', async () => {
    const head = await headTree();
    await rm(join(head, lockfile));
    await symlink(join(FIXTURES, fixture, 'head', lockfile), join(head, lockfile));
    const { code, stderr } = await check(head);
    expect(code).toBe(2);
    expect(stderr).toContain(`${lockfile}: is a symbolic link`);
  });

  it('stops with exit 2, at once, for a package.json that links to /dev/zero (when the parser reads it)', async () => {
    const head = await headTree();
    await rm(join(head, 'package.json'));
    await symlink('/dev/zero', join(head, 'package.json'));
    const { code, stderr } = await check(head);
    if (lockfile === 'package-lock.json') {
      // npm v3 takes the root from the lockfile and never opens package.json: nothing to refuse.
      expect(code).toBe(1);
      return;
    }
    expect(code).toBe(2);
    expect(stderr).toContain('package.json: is a symbolic link');
  });
});
