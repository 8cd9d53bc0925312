import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, repoWithCommits } from '../helpers/cli.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { pullRequestPayload, REPOSITORY, runBundledAction, TOKEN, webhookExample } from './simulated-runner.js';

const ADVISORIES = join(FIXTURES, 'osv/check');
const UPGRADE = join(FIXTURES, 'npm/v3-resolved/upgrade');
const ISSUE = `${REPOSITORY}#7`;

/** The 1-based line of a package entry (`"node_modules/<name>": {`) in a lockfile text. */
function entryLine(lockfile: string, name: string): number {
  return lockfile.split('\n').findIndex((line) => line.includes(`"node_modules/${name}": {`)) + 1;
}

describe('the bundled Action on a pull request (action/dist/index.js as the runner runs it)', () => {
  // Going from the upgrade fixture's head to its base brings in lodash 4.17.20 (direct)
  // and path-to-regexp 0.1.7 (transitive through express 4.18.2), both with advisories.
  const repo = repoWithCommits([join(UPGRADE, 'head'), join(UPGRADE, 'base'), join(UPGRADE, 'head')]);
  const sha = (rev: string) => git(repo.dir, 'rev-parse', rev).trim();
  const clean = sha('HEAD~2');
  const vulnerable = sha('HEAD~1');
  const cleanAgain = sha('HEAD');
  // The same vulnerable tree pushed again as a new commit (a synchronize event).
  const vulnerable2 = git(repo.dir, 'commit-tree', `${vulnerable}^{tree}`, '-p', vulnerable, '-m', 'push again').trim();
  let github: FakeGitHub;
  beforeAll(async () => {
    github = await startFakeGitHub();
  });
  afterAll(async () => {
    github.assertValid();
    await github.close();
    repo.cleanup();
  });
  const writes = () => github.requests.filter((r) => r.method !== 'GET');

  it('fails a pull request that adds a vulnerable transitive package: outputs, summary, annotation on the lockfile line, comment created', async () => {
    const run = await runBundledAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      payload: pullRequestPayload(clean, vulnerable),
      inputs: { advisories: ADVISORIES, 'comment-summary-in-pr': 'on-failure', 'sarif-file': 'out/../results.sarif', 'sbom-file': 'sbom.cdx.json' },
      apiUrl: github.url,
    });
    expect(run.code).toBe(1);
    expect(run.outputs.conclusion).toBe('failure');
    expect(run.outputs['blocked-count']).toBe('2');
    const findings = JSON.parse(run.outputs.findings!) as { name: string; version: string; outcome: string; direct: boolean }[];
    expect(findings.filter((f) => f.outcome === 'block').map((f) => [f.name, f.version, f.direct])).toEqual([
      ['lodash', '4.17.20', true],
      ['path-to-regexp', '0.1.7', false],
    ]);
    expect((JSON.parse(run.outputs.changes!) as unknown[]).length).toBeGreaterThan(0);
    expect(run.summary).toContain('❌ chaingate: 2 blocking findings');
    const lockfile = git(repo.dir, 'show', `${vulnerable}:package-lock.json`);
    const transitive = run.commands.find((c) => c.command === 'error' && c.properties.title?.includes('path-to-regexp@0.1.7'));
    expect(transitive?.properties).toMatchObject({ file: 'package-lock.json', line: String(entryLine(lockfile, 'path-to-regexp')) });
    expect(transitive?.message).toContain('GHSA-9wv6-86v2-598j');
    expect(run.commands.some((c) => c.command === 'add-mask' && c.message === TOKEN)).toBe(true);
    expect(run.stdout.split('\n').filter((l) => l.includes(TOKEN) && !l.startsWith('::add-mask::'))).toEqual([]);
    expect(run.commands.at(-1)).toMatchObject({ command: 'error', message: expect.stringContaining('the policy blocks this change: 2 blocking findings') });
    expect(github.comments(ISSUE)).toHaveLength(1);
    expect(github.comments(ISSUE)[0]!.body).toMatch(/^<!-- chaingate:summary -->\n<!-- chaingate:state=blocking -->\n### ❌/u);
    expect(run.outputs['comment-content']).toBe(github.comments(ISSUE)[0]!.body);
    expect(JSON.parse(readFileSync(run.outputs['sarif-file']!, 'utf8')).runs[0].results.length).toBe(findings.length);
    expect(JSON.parse(readFileSync(join(repo.dir, 'sbom.cdx.json'), 'utf8')).components.length).toBeGreaterThan(50);
    expect(run.outputs['sbom-file']).toBe(join(repo.dir, 'sbom.cdx.json'));
  });

  it('updates the same comment on the next push instead of adding one, and writes nothing when nothing changed', async () => {
    const before = writes().length;
    const payload = pullRequestPayload(clean, vulnerable2, 7, 'synchronize');
    const run = await runBundledAction({ workspace: repo.dir, eventName: 'pull_request', payload, inputs: { advisories: ADVISORIES, 'comment-summary-in-pr': 'on-failure' }, apiUrl: github.url });
    expect(run.code).toBe(1);
    expect(writes().slice(before).map((r) => `${r.method} ${r.operationId}`)).toEqual(['PATCH issues/update-comment']);
    expect(github.comments(ISSUE)).toHaveLength(1);
    expect(github.comments(ISSUE)[0]!.body).toContain(vulnerable2.slice(0, 12));

    const again = await runBundledAction({ workspace: repo.dir, eventName: 'pull_request', payload, inputs: { advisories: ADVISORIES, 'comment-summary-in-pr': 'on-failure' }, apiUrl: github.url });
    expect(again.code).toBe(1);
    expect(writes().length).toBe(before + 1);
  });

  it('marks the comment resolved when the pull request becomes clean', async () => {
    const run = await runBundledAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      payload: pullRequestPayload(clean, cleanAgain, 7, 'synchronize'),
      inputs: { advisories: ADVISORIES, 'comment-summary-in-pr': 'on-failure' },
      apiUrl: github.url,
    });
    expect(run.code).toBe(0);
    expect(run.outputs.conclusion).toBe('success');
    const [comment, ...more] = github.comments(ISSUE);
    expect(more).toEqual([]);
    expect(comment!.body).toMatch(/^<!-- chaingate:summary -->\n<!-- chaingate:state=resolved -->\n\*\*Resolved\*\* at `/u);
  });

  it('passes a clean pull request and posts nothing in on-failure mode', async () => {
    const before = github.requests.length;
    const run = await runBundledAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      payload: pullRequestPayload(vulnerable, cleanAgain, 8),
      inputs: { advisories: ADVISORIES, 'comment-summary-in-pr': 'on-failure' },
      apiUrl: github.url,
    });
    expect(run.code).toBe(0);
    expect(run.outputs.conclusion).not.toBe('failure');
    expect(run.outputs['blocked-count']).toBe('0');
    expect(run.commands.filter((c) => c.command === 'error')).toEqual([]);
    expect(github.requests.slice(before).map((r) => r.operationId)).toEqual(['issues/list-comments']);
    expect(github.comments(`${REPOSITORY}#8`)).toEqual([]);
  });

  it('reports but does not fail with warn-only', async () => {
    const run = await runBundledAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(clean, vulnerable, 9), inputs: { advisories: ADVISORIES, 'warn-only': 'true' } });
    expect(run.code).toBe(0);
    expect(run.outputs.conclusion).toBe('failure');
    expect(run.commands.some((c) => c.command === 'warning' && c.message.includes('warn-only is set'))).toBe(true);
    expect(run.commands.filter((c) => c.command === 'error' && !c.properties.file)).toEqual([]);
  });

  it('judges with the dependency-review-style inputs: fail-on-severity critical lets high vulnerabilities pass', async () => {
    const run = await runBundledAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(clean, vulnerable, 10), inputs: { advisories: ADVISORIES, 'fail-on-severity': 'critical' } });
    expect(run.outputs['blocked-count']).toBe('0');
    expect(run.code).toBe(0);
  });

  it('gates a merge queue group from the merge_group payload', async () => {
    const payload = webhookExample('merge_group', 'checks_requested');
    Object.assign(payload.merge_group as object, { base_sha: clean, head_sha: vulnerable });
    const run = await runBundledAction({ workspace: repo.dir, eventName: 'merge_group', payload, inputs: { advisories: ADVISORIES } });
    expect(run.code).toBe(1);
    expect(run.outputs['blocked-count']).toBe('2');
  });

  it('scans everything present on a release, with an SBOM of the ref', async () => {
    const run = await runBundledAction({ workspace: repo.dir, eventName: 'release', payload: webhookExample('release', 'published'), sha: vulnerable, inputs: { advisories: ADVISORIES, 'sbom-file': 'release.cdx.json' } });
    expect(run.outputs.conclusion).toBe('failure');
    const changes = JSON.parse(run.outputs.changes!) as { type: string }[];
    expect(new Set(changes.map((c) => c.type))).toEqual(new Set(['added']));
    expect(JSON.parse(readFileSync(join(repo.dir, 'release.cdx.json'), 'utf8')).components.length).toBe(changes.length);
  });

  it('keeps hostile package names from issuing workflow commands', async () => {
    const hostile = repoWithCommits([join(UPGRADE, 'head')]);
    try {
      const lock = JSON.parse(readFileSync(join(UPGRADE, 'head/package-lock.json'), 'utf8'));
      const names = ['::error::forged', 'x%0A::warning::forged', '##[error]forged'];
      for (const name of names) {
        lock.packages[''].dependencies[name] = '1.0.0';
        // No `resolved` (as with omit-lockfile-registry-resolved): a tarball of another package would be a lockfile lie.
        lock.packages[`node_modules/${name}`] = { version: '1.0.0', integrity: 'sha512-AAAA', hasInstallScript: true, license: 'MIT' };
      }
      writeFileSync(join(hostile.dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
      git(hostile.dir, 'commit', '-qam', 'hostile');
      const run = await runBundledAction({ workspace: hostile.dir, eventName: 'push', payload: { before: git(hostile.dir, 'rev-parse', 'HEAD~1').trim(), after: git(hostile.dir, 'rev-parse', 'HEAD').trim() }, inputs: { advisories: ADVISORIES } });
      expect(run.outputs['warned-count']).toBe('3');
      // Every line the runner would obey is one chaingate meant; none is forged.
      const forged = run.commands.filter((c) => c.message === 'forged' || c.message.startsWith('forged'));
      expect(forged).toEqual([]);
      expect(run.commands.map((c) => c.command).every((c) => ['add-mask', 'warning', 'error'].includes(c))).toBe(true);
      expect(run.stdout).not.toMatch(/^::(?!add-mask::|warning |error )/mu);
      expect(run.stdout).not.toContain('##[');
      const annotated = run.commands.filter((c) => c.command === 'warning').map((c) => c.properties.title ?? '');
      for (const name of names.slice(0, 2)) expect(annotated.some((t) => t.includes(name))).toBe(true);
      // The summary is Markdown, not a command channel: the name shows as code.
      expect(run.summary).toContain('`::error::forged`');
    } finally {
      hostile.cleanup();
    }
  });
});

describe('the bundled Action when it cannot run', () => {
  const repo = repoWithCommits([join(UPGRADE, 'head'), join(UPGRADE, 'base')]);
  const sha = (rev: string) => git(repo.dir, 'rev-parse', rev).trim();
  afterAll(() => repo.cleanup());

  function expectOneLineError(run: Awaited<ReturnType<typeof runBundledAction>>, text: string | RegExp): void {
    expect(run.code).toBe(1);
    const errors = run.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).not.toContain('\n');
    expect(errors[0]!.message).toMatch(text);
    expect(run.summary).toContain('chaingate could not run');
    expect(run.outputs.conclusion).toBeUndefined();
  }

  it('says to set base-ref when the event names no base', async () => {
    const run = await runBundledAction({ workspace: repo.dir, eventName: 'issues', payload: webhookExample('issues', 'opened'), sha: sha('HEAD') });
    expectOneLineError(run, /set the base-ref input/u);
  });

  it('says to use fetch-depth: 0 in a shallow clone without the base commit', async () => {
    const shallow = mkdtempSync(join(tmpdir(), 'chaingate-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow]);
      const run = await runBundledAction({ workspace: shallow, eventName: 'pull_request', payload: pullRequestPayload(sha('HEAD~1'), sha('HEAD')) });
      expectOneLineError(run, /base commit .*fetch-depth: 0/u);
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });

  it('tells pull_request_target users to fetch the head commit without checking it out', async () => {
    const payload = pullRequestPayload(sha('HEAD~1'), 'f'.repeat(40), 12);
    const run = await runBundledAction({ workspace: repo.dir, eventName: 'pull_request_target', payload });
    expectOneLineError(run, /git fetch --no-tags origin \+refs\/pull\/12\/head/u);
  });

  it('needs a token to comment', async () => {
    const run = await runBundledAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(sha('HEAD~1'), sha('HEAD')), inputs: { 'github-token': '', 'comment-summary-in-pr': 'always' } });
    expectOneLineError(run, /github-token is empty/u);
  });

  it('names an unreadable lockfile', async () => {
    const broken = repoWithCommits([join(UPGRADE, 'head')]);
    try {
      writeFileSync(join(broken.dir, 'package-lock.json'), '{"lockfileVersion": 3, "packages": {');
      git(broken.dir, 'commit', '-qam', 'truncated');
      const run = await runBundledAction({ workspace: broken.dir, eventName: 'push', payload: { before: git(broken.dir, 'rev-parse', 'HEAD~1').trim(), after: git(broken.dir, 'rev-parse', 'HEAD').trim() } });
      expectOneLineError(run, /^package-lock\.json: /u);
    } finally {
      broken.cleanup();
    }
  });

  it('names an invalid policy on the base branch with its line', async () => {
    const withPolicy = repoWithCommits([join(UPGRADE, 'head')]);
    try {
      mkdirSync(join(withPolicy.dir, '.github'));
      writeFileSync(join(withPolicy.dir, '.github/chaingate.yml'), 'version: 1\nrules:\n  - id: x\n    signal: nope\n    outcome: block\n');
      git(withPolicy.dir, 'add', '-A');
      git(withPolicy.dir, 'commit', '-qm', 'bad policy');
      cpSync(join(UPGRADE, 'base'), withPolicy.dir, { recursive: true });
      git(withPolicy.dir, 'commit', '-qam', 'head');
      const run = await runBundledAction({ workspace: withPolicy.dir, eventName: 'pull_request', payload: pullRequestPayload(git(withPolicy.dir, 'rev-parse', 'HEAD~1').trim(), git(withPolicy.dir, 'rev-parse', 'HEAD').trim()) });
      expectOneLineError(run, /^\.github\/chaingate\.yml:4:\d+: /u);
    } finally {
      withPolicy.cleanup();
    }
  });

  it('runs from the bundle alone, with nothing beside it', async () => {
    const lone = mkdtempSync(join(tmpdir(), 'chaingate-lone-'));
    try {
      cpSync(join(FIXTURES, '../../action/dist/index.js'), join(lone, 'index.js'));
      const run = await runBundledAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(sha('HEAD~1'), sha('HEAD')), inputs: { advisories: ADVISORIES }, bundle: join(lone, 'index.js') });
      expect(run.code).toBe(1);
      expect(run.outputs['blocked-count']).toBe('2');
      expect(run.stdout).toMatch(/^chaingate 0\.1\.0: failure/mu);
      expect(existsSync(join(lone, 'data'))).toBe(false);
    } finally {
      rmSync(lone, { recursive: true, force: true });
    }
  });
});
