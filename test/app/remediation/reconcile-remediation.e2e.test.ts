import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileRemediation, type ReconcileRemediationInput } from '../../../src/app/remediation/reconcile-remediation.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { OWNER, osvRecord, projectFiles, type RemediationWorld, startRemediationWorld } from './remediation-fixture.js';
import { realPackageManagers, saySkipped } from '../../helpers/npm-registry.js';

// The package manager and the registry are real; without the registry nothing here means anything.
const realNpm = realPackageManagers({ sandboxedNpm: true });
saySkipped('remediation pull requests with the real npm and pnpm', realNpm.reason);
const HERE = join(FIXTURES, 'remediation');
const MINIMIST = join(HERE, 'GHSA-xvch-5gv4-984h.json');
const DEBUG = join(FIXTURES, 'osv/records/MAL-2025-46974.json');
const PATCH_BRANCH = 'chaingate/patch/GHSA-xvch-5gv4-984h/minimist';
const CODEOWNERS = '* @octo-lead\npackage-lock.json @octo-org/security @outsider ops@example.com\n';

let world: RemediationWorld;
beforeAll(async () => {
  world = await startRemediationWorld();
});
afterAll(async () => {
  await world?.close();
});

function input(repo: string, advisory: string | ReturnType<typeof osvRecord>, extra: Partial<ReconcileRemediationInput> = {}): ReconcileRemediationInput {
  return {
    client: world.client,
    repository: { owner: OWNER, repo },
    baseBranch: 'main',
    lockfile: 'package-lock.json',
    advisory: typeof advisory === 'string' ? osvRecord(advisory) : advisory,
    labels: ['security', 'chaingate'],
    minReleaseAgeHours: 0,
    metadata: world.metadata,
    regenerate: world.regenerate,
    ...extra,
  };
}

/** npm's own frozen-lockfile check on the branch as GitHub holds it. */
function npmCiAccepts(dir: string): void {
  execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'pipe', timeout: 120_000 });
}

function transitiveRepository(name: string): string {
  return world.repository(name, [{ ...projectFiles(join(HERE, 'npm-transitive'), ['package.json', 'package-lock.json']), '.github/CODEOWNERS': CODEOWNERS }]);
}

describe.skipIf(!realNpm.run)('remediation pull requests against the OpenAPI-validating fake GitHub (needs the npm registry)', () => {
  it('opens one patch PR for minimist through the Git data API, with labels, CODEOWNERS reviewers and a lockfile npm ci accepts', async () => {
    const dir = transitiveRepository('patch');
    world.api.setCollaborators(`${OWNER}/patch`, ['octo-lead'], ['security']);
    const result = await reconcileRemediation(input('patch', MINIMIST, { tier: 2, incident: { owner: OWNER, repo: 'incidents', number: 7 }, minReleaseAgeHours: 24 * 365 * 10 }));

    expect(result).toMatchObject({ action: 'opened', pullRequest: 1, branch: PATCH_BRANCH });
    const [pr] = world.api.pulls(`${OWNER}/patch`);
    expect(pr).toMatchObject({ state: 'open', head: PATCH_BRANCH, base: 'main', labels: ['security', 'chaingate'], reviewers: ['octo-lead'], teamReviewers: ['security'] });
    expect(pr!.title).toBe('Patch minimist 1.2.5 → 1.2.6 (GHSA-xvch-5gv4-984h)');
    expect(pr!.body).toContain('[GHSA-xvch-5gv4-984h](https://github.com/advisories/GHSA-xvch-5gv4-984h)');
    expect(pr!.body).toContain('**Tier** 2');
    expect(pr!.body).toContain('octo-org/incidents#7');
    // Untrusted text is escaped: `@` gets a zero-width space so it never mentions anyone.
    expect(pr!.body).toContain('. › mkdirp@\u200b0.5.5 › minimist@\u200b1.2.5');
    expect(pr!.body).toContain('| `minimist` | 1.2.5 | 1.2.6 | patch |');
    expect(pr!.body).toContain('bypasses that gate for `minimist@1.2.6`');
    expect(pr!.body).toContain('0 added, 0 removed, 1 upgraded');
    expect(pr!.body).toContain('<!-- chaingate:remediation advisory=GHSA-xvch-5gv4-984h lockfile=package-lock.json -->');
    expect(result.action === 'opened' && result.reviewers?.refused).toEqual([expect.objectContaining({ reviewer: 'outsider' })]);
    expect(result.action === 'opened' && result.unrequestable).toEqual(['ops@example.com']);

    // The branch really is in the repository: only the manifest and lockfile changed, and npm accepts it frozen.
    expect(execFileSync('git', ['diff', '--name-only', 'main', PATCH_BRANCH], { cwd: dir, encoding: 'utf8' }).trim().split('\n')).toEqual(['package-lock.json', 'package.json']);
    expect(execFileSync('git', ['rev-parse', `${PATCH_BRANCH}^`], { cwd: dir, encoding: 'utf8' })).toBe(execFileSync('git', ['rev-parse', 'main'], { cwd: dir, encoding: 'utf8' }));
    const checkout = world.checkout(dir, PATCH_BRANCH);
    expect(JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8')).overrides).toEqual({ 'minimist@1.2.5': '1.2.6' });
    npmCiAccepts(checkout);
    world.api.assertValid();
  }, 240_000);

  it('finishes after a crash between the branch update and the PR request, then opens nothing more on redeliveries', async () => {
    const dir = transitiveRepository('crashed');
    world.api.injectFault((r) => r.operationId === 'pulls/create', { status: 500, message: 'the process died here' });
    await expect(reconcileRemediation(input('crashed', MINIMIST))).rejects.toMatchObject({ status: 500 });
    const written = execFileSync('git', ['rev-parse', PATCH_BRANCH], { cwd: dir, encoding: 'utf8' });
    expect(world.api.pulls(`${OWNER}/crashed`)).toHaveLength(0);

    // Three redeliveries at once after the restart: one opens the PR on the branch already written, the others find it.
    const rerun = await Promise.all([1, 2, 3].map(() => reconcileRemediation(input('crashed', MINIMIST))));
    expect(rerun.filter((r) => r.action === 'opened')).toHaveLength(1);
    expect(rerun.every((r) => r.action === 'opened' || r.action === 'unchanged' || r.action === 'updated')).toBe(true);
    for (let i = 0; i < 3; i++) expect((await reconcileRemediation(input('crashed', MINIMIST))).action).toBe('unchanged');
    expect(world.api.pulls(`${OWNER}/crashed`)).toHaveLength(1);
    expect(execFileSync('git', ['rev-parse', PATCH_BRANCH], { cwd: dir, encoding: 'utf8' })).toBe(written);
    world.api.assertValid();
  }, 240_000);

  it('updates the same PR when the advisory changes and the default branch moves, then closes it with one comment when the advisory is withdrawn', async () => {
    const dir = transitiveRepository('updated');
    await reconcileRemediation(input('updated', MINIMIST));
    const main = world.commit(dir, { 'README.md': 'moved on\n' }, 'docs');
    const changed = osvRecord(MINIMIST, (json) => {
      json.summary = 'Prototype Pollution in minimist (revised)';
    });
    const result = await reconcileRemediation(input('updated', changed));

    expect(result).toMatchObject({ action: 'updated', pullRequest: 1 });
    const pulls = world.api.pulls(`${OWNER}/updated`);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.body).toContain('&#40;revised&#41;');
    expect(execFileSync('git', ['rev-parse', `${PATCH_BRANCH}^`], { cwd: dir, encoding: 'utf8' }).trim()).toBe(main);

    const withdrawn = osvRecord(MINIMIST, (json) => {
      json.withdrawn = '2025-01-01T00:00:00Z';
    });
    expect(await reconcileRemediation(input('updated', withdrawn))).toMatchObject({ action: 'closed', pullRequest: 1, reason: 'withdrawn' });
    expect(await reconcileRemediation(input('updated', withdrawn))).toMatchObject({ action: 'none', reason: 'withdrawn' });
    const [pr] = world.api.pulls(`${OWNER}/updated`);
    expect(pr!.state).toBe('closed');
    expect(world.api.comments(`${OWNER}/updated`, 1)).toHaveLength(1);
    expect(world.api.comments(`${OWNER}/updated`, 1)[0]!.body).toContain('was withdrawn');
    world.api.assertValid();
  }, 240_000);

  it('closes the PR when the default branch converged by other means, and respects a PR a person closed', async () => {
    const dir = transitiveRepository('converged');
    await reconcileRemediation(input('converged', MINIMIST));
    const fixed = execFileSync('git', ['show', `${PATCH_BRANCH}:package-lock.json`], { cwd: dir, encoding: 'utf8' });
    world.commit(dir, { 'package-lock.json': fixed, 'package.json': execFileSync('git', ['show', `${PATCH_BRANCH}:package.json`], { cwd: dir, encoding: 'utf8' }) }, 'upgrade minimist ourselves');
    expect(await reconcileRemediation(input('converged', MINIMIST))).toMatchObject({ action: 'closed', reason: 'converged' });
    expect(world.api.comments(`${OWNER}/converged`, 1).map((c) => c.body)).toEqual([expect.stringContaining('no longer has a version')]);

    transitiveRepository('declined');
    await reconcileRemediation(input('declined', MINIMIST));
    await world.client.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { owner: OWNER, repo: 'declined', pull_number: 1, state: 'closed' });
    expect(await reconcileRemediation(input('declined', MINIMIST))).toMatchObject({ action: 'none', reason: 'declined' });
    expect(world.api.pulls(`${OWNER}/declined`)).toHaveLength(1);
  }, 240_000);

  it('opens a pnpm patch PR whose lockfile pnpm accepts frozen', async () => {
    const files = projectFiles(join(HERE, 'pnpm-transitive'), ['package.json', 'pnpm-lock.yaml']);
    const dir = world.repository('pnpm', [files]);
    const result = await reconcileRemediation(input('pnpm', MINIMIST, { lockfile: 'pnpm-lock.yaml' }));

    expect(result).toMatchObject({ action: 'opened', branch: PATCH_BRANCH });
    const checkout = world.checkout(dir, PATCH_BRANCH);
    expect(JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8')).pnpm).toEqual({ overrides: { 'minimist@1.2.5': '1.2.6' } });
    const tools = join(world.work, 'pnpm-tool');
    execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', tools, 'pnpm@10'], { stdio: 'pipe', timeout: 180_000 });
    execFileSync(process.execPath, [join(tools, 'node_modules/pnpm/bin/pnpm.cjs'), 'install', '--frozen-lockfile', '--lockfile-only', '--ignore-scripts'], {
      cwd: checkout, stdio: 'pipe', timeout: 120_000, env: { ...process.env, npm_config_store_dir: join(world.work, 'pnpm-store') },
    });
    world.api.assertValid();
  }, 360_000);

  it('opens a revert PR for the malicious debug 4.4.2 back to 4.4.1, the version the lockfile had before', async () => {
    const files = projectFiles(join(HERE, 'npm-malware'), ['package.json', 'package-lock.json']);
    const lock = JSON.parse(files['package-lock.json']!);
    lock.packages['node_modules/debug'] = { ...lock.packages['node_modules/debug'], version: '4.4.1', resolved: 'https://registry.npmjs.org/debug/-/debug-4.4.1.tgz' };
    delete lock.packages['node_modules/debug'].integrity;
    const dir = world.repository('reverted', [{ ...files, 'package-lock.json': `${JSON.stringify(lock, null, 2)}\n` }, files]);
    const result = await reconcileRemediation(input('reverted', DEBUG));

    expect(result).toMatchObject({ action: 'opened', branch: 'chaingate/revert/MAL-2025-46974/debug' });
    const [pr] = world.api.pulls(`${OWNER}/reverted`);
    expect(pr!.title).toBe('Revert debug 4.4.2 → 4.4.1 (MAL-2025-46974)');
    expect(pr!.body).toContain('the version this lockfile had before 4.4.2 &#40;from its git history&#41;');
    const checkout = world.checkout(dir, 'chaingate/revert/MAL-2025-46974/debug');
    expect(JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8')).dependencies).toEqual({ debug: '4.4.1' });
    expect(JSON.parse(readFileSync(join(checkout, 'package-lock.json'), 'utf8')).packages['node_modules/debug'].version).toBe('4.4.1');
    npmCiAccepts(checkout);
    world.api.assertValid();
  }, 240_000);
});
