import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient, githubCheckRuns, isDependencyFile, MAX_CHECK_SUMMARY, touchesDependencies, type GitHubRequester } from '../../../src/adapters/github/index.js';
import type { CheckAnnotation } from '../../../src/core/report/annotations.js';
import { type FakeGitHubApi, startFakeGitHubApi } from '../../helpers/fake-github-api.js';

const REPO = { owner: 'octo-org', repo: 'shop' };
const HEAD = 'd'.repeat(40);

describe('githubCheckRuns against the OpenAPI-checked fake', () => {
  let api: FakeGitHubApi;
  let client: GitHubRequester;
  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    api = await startFakeGitHubApi({ appId: 1, privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() });
    // Check runs live in the fake's memory; the repository only has to exist.
    api.addRepository('octo-org/shop', process.cwd());
    client = createGitHubClient({ token: api.issueToken(), baseUrl: `http://${api.host}/api/v3`, userAgent: 'chaingate-test', retries: 0 });
  });
  afterAll(async () => {
    await api.close();
  });

  it('finds the run it created for (name, head SHA) instead of creating a second one', async () => {
    const checks = githubCheckRuns(client, 'chaingate');
    const first = await checks.start(REPO, HEAD, `chaingate:${HEAD}`);
    const second = await checks.start(REPO, HEAD, `chaingate:${HEAD}`);
    expect(second.id).toBe(first.id);
    expect(api.checkRuns('octo-org/shop').filter((r) => r.head_sha === HEAD)).toHaveLength(1);
    expect(api.requests.filter((r) => r.operationId === 'checks/create')).toHaveLength(1);
    api.assertValid();
  });

  it('with exactExternalId, keeps one run per external id on a commit (two release tags on one commit)', async () => {
    const sha = 'f'.repeat(40);
    const checks = githubCheckRuns(client, 'chaingate/release', undefined, { exactExternalId: true });
    const v1 = await checks.start(REPO, sha, 'chaingate/release:v1');
    const v1again = await checks.start(REPO, sha, 'chaingate/release:v1');
    const final = await checks.start(REPO, sha, 'chaingate/release:v1-final');
    expect(v1again.id).toBe(v1.id);
    expect(final.id).not.toBe(v1.id);
    expect(api.checkRuns('octo-org/shop').filter((r) => r.head_sha === sha).map((r) => r.external_id)).toEqual(['chaingate/release:v1', 'chaingate/release:v1-final']);
    api.assertValid();
  });

  it('sends 120 annotations in three requests of at most 50, the conclusion with the last, and clips an oversize summary', async () => {
    const checks = githubCheckRuns(client, 'chaingate');
    const run = await checks.start(REPO, 'e'.repeat(40), 'x');
    const annotations: CheckAnnotation[] = Array.from({ length: 120 }, (_, i) => ({ path: 'package-lock.json', start_line: i + 1, end_line: i + 1, annotation_level: 'failure', message: `m${i}`, title: `t${i}` }));
    await checks.complete(run, { conclusion: 'failure', title: 'Blocked', summary: 's'.repeat(MAX_CHECK_SUMMARY + 10), annotations });
    const stored = api.checkRuns('octo-org/shop').find((r) => r.id === run.id)!;
    const patches = stored.history.slice(1) as { output: { annotations?: unknown[]; summary: string }; conclusion?: string }[];
    expect(patches.map((p) => p.output.annotations?.length)).toEqual([50, 20, 50]);
    expect(patches.map((p) => p.conclusion)).toEqual([undefined, undefined, 'failure']);
    expect(stored.annotations).toHaveLength(120);
    expect(stored.output.summary!.length).toBe(MAX_CHECK_SUMMARY);
    expect(stored.actions).toEqual([expect.objectContaining({ identifier: 'rerun' })]);
    api.assertValid();
  });
});

describe('which changed files make a change worth judging', () => {
  it('counts lockfiles, manifests, package-manager settings and the policy, anywhere in the tree', () => {
    for (const path of ['package-lock.json', 'apps/web/pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'packages/a/package.json', '.npmrc', '.yarnrc.yml', 'pnpm-workspace.yaml', '.github/chaingate.yml']) {
      expect(isDependencyFile(path, ['.github/chaingate.yml'])).toBe(true);
    }
    for (const path of ['README.md', 'src/package-lock.ts', 'docs/yarn.lock.md', '.github/workflows/ci.yml']) {
      expect(isDependencyFile(path, ['.github/chaingate.yml'])).toBe(false);
    }
  });

  it('assumes dependencies changed when GitHub lists 300 files (its cap) without a lockfile among them', async () => {
    const files = Array.from({ length: 300 }, (_, i) => ({ filename: `src/f${i}.ts` }));
    const client = { request: () => Promise.resolve({ data: { files } }) } as unknown as GitHubRequester;
    expect(await touchesDependencies(client, REPO, 'a'.repeat(40), 'b'.repeat(40), [])).toBe(true);
    const few = { request: () => Promise.resolve({ data: { files: files.slice(0, 5) } }) } as unknown as GitHubRequester;
    expect(await touchesDependencies(few, REPO, 'a'.repeat(40), 'b'.repeat(40), [])).toBe(false);
  });
});
