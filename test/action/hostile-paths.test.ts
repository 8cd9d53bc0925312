import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, repoWithCommits } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { pullRequestPayload, runBundledAction } from './simulated-runner.js';

const ADVISORIES = join(FIXTURES, 'osv/check');
const UPGRADE = join(FIXTURES, 'yarn/berry4/upgrade');

describe('the Action reads the facts it judges by from the base, not the pull request (issue 8, path 3)', () => {
  // Base: the clean lockfile and vendored advisories. Head: the vulnerable lockfile, with the
  // advisory that would block it deleted.
  const repo = repoWithCommits([join(UPGRADE, 'head')]);
  cpSync(ADVISORIES, join(repo.dir, 'advisories'), { recursive: true });
  git(repo.dir, 'add', '-A');
  git(repo.dir, 'commit', '-qm', 'vendored advisories');
  const base = git(repo.dir, 'rev-parse', 'HEAD').trim();
  cpSync(join(UPGRADE, 'base/yarn.lock'), join(repo.dir, 'yarn.lock'));
  cpSync(join(UPGRADE, 'base/package.json'), join(repo.dir, 'package.json'));
  git(repo.dir, 'add', '-A');
  git(repo.dir, 'commit', '-qm', 'vulnerable');
  const vulnerable = git(repo.dir, 'rev-parse', 'HEAD').trim();
  afterAll(() => repo.cleanup());

  it('blocks the vulnerable pull request with the vendored advisories', async () => {
    const run = await runBundledAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, vulnerable), inputs: { advisories: 'advisories' } });
    expect(run.code).toBe(1);
    expect(run.outputs.conclusion).toBe('failure');
  });

  it('fails, instead of passing, when the pull request deletes an advisory it would be judged by', async () => {
    rmSync(join(repo.dir, 'advisories/GHSA-35jh-r3h4-6jhm.json'));
    rmSync(join(repo.dir, 'advisories/GHSA-9wv6-86v2-598j.json'));
    git(repo.dir, 'commit', '-qam', 'drop the advisories that block me');
    const head = git(repo.dir, 'rev-parse', 'HEAD').trim();
    const run = await runBundledAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head), inputs: { advisories: 'advisories' } });
    expect(run.code).toBe(1);
    expect(run.outputs.conclusion).toBeUndefined();
    expect(run.stdout).toContain('the advisories input');
    expect(run.stdout).toContain('is changed by the change under review');
  });

  it('fails when the pull request plants advisories at a path the base does not have', async () => {
    git(repo.dir, 'checkout', '-q', '-b', 'plant', vulnerable);
    writeFileSync(join(repo.dir, 'planted.json'), '{}');
    git(repo.dir, 'add', '-A');
    git(repo.dir, 'commit', '-qm', 'plant');
    const head = git(repo.dir, 'rev-parse', 'HEAD').trim();
    const run = await runBundledAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head), inputs: { advisories: 'planted.json' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('is changed by the change under review (planted.json)');
  });
});

describe('Action errors name no CLI flag', () => {
  it('reports a lockfile over the size limit without telling the user to pass --max-file-size to the Action', async () => {
    const repo = repoWithCommits([join(UPGRADE, 'head')]);
    try {
      writeFileSync(join(repo.dir, 'yarn.lock'), `# ${'x'.repeat(65 * 1024 * 1024)}\n`);
      git(repo.dir, 'commit', '-qam', 'huge');
      const run = await runBundledAction({ workspace: repo.dir, eventName: 'push', payload: { before: git(repo.dir, 'rev-parse', 'HEAD~1').trim(), after: git(repo.dir, 'rev-parse', 'HEAD').trim() } });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('over the 64.0 MiB limit (the Action reads lockfiles up to this size');
      expect(run.stdout).not.toContain('raise it with --max-file-size');
    } finally {
      repo.cleanup();
    }
  });
});

describe('the Action blocks a lockfile that lies about its artefact (issue 8, path 4)', () => {
  const NPM_UPGRADE = join(FIXTURES, 'npm/v3-resolved/upgrade');
  const repo = repoWithCommits([join(NPM_UPGRADE, 'base'), join(NPM_UPGRADE, 'head')]);
  afterAll(() => repo.cleanup());
  const base = git(repo.dir, 'rev-parse', 'HEAD~1').trim();
  const honest = git(repo.dir, 'rev-parse', 'HEAD').trim();
  // The entry still says ms 2.1.3, but the tarball it installs is 2.1.2.
  const lockfile = join(repo.dir, 'package-lock.json');
  const text = readFileSync(lockfile, 'utf8');
  writeFileSync(lockfile, text.replace('/ms/-/ms-2.1.3.tgz', '/ms/-/ms-2.1.2.tgz'));
  git(repo.dir, 'commit', '-qam', 'ms, honestly');
  const lying = git(repo.dir, 'rev-parse', 'HEAD').trim();

  it('passes the honest pull request', async () => {
    const run = await runBundledAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, honest), inputs: { advisories: ADVISORIES } });
    expect(run.outputs.conclusion).not.toBe('failure');
    expect(run.code).toBe(0);
  });

  it('fails the pull request whose entry names one version and fetches another', async () => {
    const run = await runBundledAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, lying), inputs: { advisories: ADVISORIES } });
    expect(run.code).toBe(1);
    expect(run.outputs.conclusion).toBe('failure');
    expect(run.stdout).toContain('ms@2.1.2');
  });
});
