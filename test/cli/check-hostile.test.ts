import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, git, repoWithCommits } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const ADVISORIES = join(FIXTURES, 'osv/check');
// HEAD~1 is clean; HEAD brings in lodash 4.17.20 and path-to-regexp 0.1.7 (both with advisories in ADVISORIES).
const UPGRADE = join(FIXTURES, 'yarn/berry4/upgrade');
const ALLOW_ALL = 'version: 1\nrules:\n  - id: allow-everything\n    signal: "*"\n    outcome: allow\nunavailable:\n  advisories: allow\n  malware: allow\n';

function pullRequest(): { dir: string; cleanup: () => void } {
  const repo = repoWithCommits([join(UPGRADE, 'head'), join(UPGRADE, 'base')]);
  git(repo.dir, 'branch', 'trunk', 'HEAD~1');
  return repo;
}

describe('a pull request cannot plant its own base (issue 8, path 1)', () => {
  const repo = pullRequest();
  afterAll(() => repo.cleanup());

  it('blocks the vulnerable head when the base is named by revision', async () => {
    const { code } = await cli(['check', '--base', 'trunk', '--head', 'HEAD', '--offline', '--advisories', ADVISORIES], repo.dir);
    expect(code).toBe(1);
  });

  it('refuses a base name that is also a folder in the working tree, instead of judging against the folder', async () => {
    // The folder holds the head's own lockfile: read as the base, the change would look empty and pass.
    mkdirSync(join(repo.dir, 'trunk'));
    cpSync(join(repo.dir, 'yarn.lock'), join(repo.dir, 'trunk/yarn.lock'));
    cpSync(join(repo.dir, 'package.json'), join(repo.dir, 'trunk/package.json'));
    writeFileSync(join(repo.dir, 'HEAD'), 'planted\n');
    try {
      const planted = await cli(['check', '--base', 'trunk', '--head', 'HEAD', '--offline', '--advisories', ADVISORIES], repo.dir);
      expect(planted.code).toBe(2);
      expect(planted.stderr).toContain('names both a git revision and a directory');
      expect(planted.stderr).toContain('--base-file');
      const head = await cli(['diff', '--base', 'trunk^{commit}', '--head', 'HEAD'], repo.dir);
      expect(head.code).toBe(2);
      expect(head.stderr).toContain('--head "HEAD^{commit}"');

      const explicit = await cli(['check', '--base', 'trunk^{commit}', '--head', 'HEAD^{commit}', '--offline', '--advisories', ADVISORIES], repo.dir);
      expect(explicit.code).toBe(1);
      // Asked for by name, the folder is read as a path.
      const asFile = await cli(['check', '--base-file', 'trunk/yarn.lock', '--head-file', 'yarn.lock', '--offline', '--advisories', ADVISORIES], repo.dir);
      expect(asFile.code).toBe(0);
    } finally {
      rmSync(join(repo.dir, 'trunk'), { recursive: true });
      rmSync(join(repo.dir, 'HEAD'));
    }
  });

  it('refuses --base together with --base-file', async () => {
    const { code, stderr } = await cli(['check', '--base', 'trunk', '--base-file', 'x', '--head', 'HEAD'], repo.dir);
    expect(code).toBe(2);
    expect(stderr).toContain('not both');
  });
});

describe('the files that decide the verdict do not come from the head', () => {
  const repo = pullRequest();
  afterAll(() => repo.cleanup());

  /** Commits on top of HEAD (the pull request) and returns its revision; the base stays `trunk`. */
  function commitToHead(change: () => void): string {
    change();
    git(repo.dir, 'add', '-A');
    git(repo.dir, 'commit', '-qm', 'pull request');
    return git(repo.dir, 'rev-parse', 'HEAD').trim();
  }

  it('refuses offline advisories in the repository that the pull request changes (issue 8, path 3)', async () => {
    git(repo.dir, 'checkout', '-q', '-b', 'advisories', 'trunk');
    cpSync(ADVISORIES, join(repo.dir, 'advisories'), { recursive: true });
    git(repo.dir, 'add', '-A');
    git(repo.dir, 'commit', '-qm', 'vendored advisories');
    const base = git(repo.dir, 'rev-parse', 'HEAD').trim();
    const head = commitToHead(() => {
      cpSync(join(UPGRADE, 'base/yarn.lock'), join(repo.dir, 'yarn.lock'));
      cpSync(join(UPGRADE, 'base/package.json'), join(repo.dir, 'package.json'));
      rmSync(join(repo.dir, 'advisories/GHSA-35jh-r3h4-6jhm.json'));
    });
    const { code, stderr } = await cli(['check', '--base', base, '--head', head, '--offline', '--advisories', 'advisories'], repo.dir);
    expect(code).toBe(2);
    expect(stderr).toContain('/advisories" is changed by the change under review (advisories/GHSA-35jh-r3h4-6jhm.json)');
    const unchanged = await cli(['check', '--base', base, '--head', `${head}~1`, '--offline', '--advisories', 'advisories'], repo.dir);
    expect(unchanged.code).toBe(0);
    git(repo.dir, 'checkout', '-q', 'main');
  });

  it('refuses them too when the head is the working tree, and lets files no commit holds through', async () => {
    git(repo.dir, 'checkout', '-q', 'advisories');
    const base = git(repo.dir, 'rev-parse', 'HEAD~1').trim();
    try {
      rmSync(join(repo.dir, 'advisories/GHSA-9wv6-86v2-598j.json'));
      const edited = await cli(['check', '--base', base, '--head-file', '.', '--offline', '--advisories', 'advisories'], repo.dir);
      expect(edited.code).toBe(2);
      expect(edited.stderr).toContain('is changed by the change under review (advisories/GHSA-');
      git(repo.dir, 'checkout', '-q', '--', 'advisories');
      // Downloaded by the workflow, never committed: not the pull request's.
      cpSync(ADVISORIES, join(repo.dir, 'downloaded'), { recursive: true });
      const downloaded = await cli(['check', '--base', base, '--head-file', '.', '--offline', '--advisories', 'downloaded'], repo.dir);
      expect(downloaded.code).toBe(1);
    } finally {
      rmSync(join(repo.dir, 'downloaded'), { recursive: true, force: true });
      git(repo.dir, 'checkout', '-q', '-f', 'main');
    }
  });

  it('refuses a --policy file in the repository that the pull request adds', async () => {
    git(repo.dir, 'checkout', '-q', '-b', 'policy', 'main');
    const head = commitToHead(() => writeFileSync(join(repo.dir, 'waiver.yml'), ALLOW_ALL));
    const { code, stderr } = await cli(['check', '--base', 'trunk', '--head', head, '--offline', '--advisories', ADVISORIES, '--policy', 'waiver.yml'], repo.dir);
    expect(code).toBe(2);
    expect(stderr).toContain('--policy "');
    expect(stderr).toContain('changed by the change under review');
    git(repo.dir, 'checkout', '-q', 'main');
  });
});

describe('extends of a policy on disk (issue 8, path 5)', () => {
  const pattern = (side: string) => join(UPGRADE, side, 'yarn.lock');

  it('resolves next to the file that names it, never in the working directory', async () => {
    const org = mkdtempSync(join(tmpdir(), 'chaingate-org-'));
    const work = mkdtempSync(join(tmpdir(), 'chaingate-work-'));
    try {
      writeFileSync(join(org, 'org.yml'), 'version: 1\nextends: ./org-base.yml\n');
      writeFileSync(join(org, 'org-base.yml'), 'version: 1\n');
      // What a pull request would plant in the directory the check runs in.
      writeFileSync(join(work, 'org-base.yml'), ALLOW_ALL);
      mkdirSync(join(work, org.slice(1)), { recursive: true });
      writeFileSync(join(work, org.slice(1), 'org-base.yml'), ALLOW_ALL);
      const { code, stdout } = await cli(['check', '--base', pattern('head'), '--head', pattern('base'), '--offline', '--advisories', ADVISORIES, '--org-policy', join(org, 'org.yml'), '--format', 'json'], work);
      expect(code).toBe(1);
      expect(JSON.parse(stdout).conclusion).toBe('failure');

      // An absolute extends is that file, not a path under the working directory.
      writeFileSync(join(org, 'org.yml'), `version: 1\nextends: ${join(org, 'org-base.yml')}\n`);
      const absolute = await cli(['check', '--base', pattern('head'), '--head', pattern('base'), '--offline', '--advisories', ADVISORIES, '--org-policy', join(org, 'org.yml')], work);
      expect(absolute.code).toBe(1);
    } finally {
      rmSync(org, { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('error messages name the knob of the shell in use', () => {
  const pattern = (side: string) => join(UPGRADE, side, 'yarn.lock');

  it('says --max-file-size for a lockfile over it, and not for a policy over its fixed limit', async () => {
    const lockfile = await cli(['check', '--base', pattern('head'), '--head', pattern('base'), '--offline', '--max-file-size', '1KB'], '/');
    expect(lockfile.code).toBe(2);
    expect(lockfile.stderr).toContain('(raise it with --max-file-size)');

    const dir = mkdtempSync(join(tmpdir(), 'chaingate-big-policy-'));
    try {
      writeFileSync(join(dir, 'policy.yml'), `version: 1\n${'#'.repeat(300 * 1024)}\n`);
      const policy = await cli(['check', '--base', pattern('head'), '--head', pattern('base'), '--offline', '--policy', join(dir, 'policy.yml'), '--max-file-size', '1GB'], '/');
      expect(policy.code).toBe(2);
      expect(policy.stderr).toContain('the most a policy may be');
      expect(policy.stderr).not.toContain('--max-file-size');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reports are not written through a planted symbolic link', () => {
  it('refuses --output that is a symbolic link, and leaves its target alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaingate-link-'));
    try {
      writeFileSync(join(dir, 'target'), 'untouched');
      symlinkSync(join(dir, 'target'), join(dir, 'report.json'));
      const { code, stderr } = await cli(['check', '--base', join(UPGRADE, 'base/yarn.lock'), '--head', join(UPGRADE, 'head/yarn.lock'), '--offline', '--advisories', ADVISORIES, '-o', 'report.json'], dir);
      expect(code).toBe(2);
      expect(stderr).toContain('is a symbolic link');
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(join(dir, 'target'), 'utf8')).toBe('untouched');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
