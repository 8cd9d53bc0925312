import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient, githubCommitFiles, type GitHubRequester } from '../../../src/adapters/github/index.js';
import { ParseError, UpstreamError } from '../../../src/core/errors.js';
import { type FakeGitHubApi, startFakeGitHubApi } from '../../helpers/fake-github-api.js';
import { rejectedWith } from '../../helpers/errors.js';

const REPO = { owner: 'octo-org', repo: 'shop' };

describe('githubCommitFiles over a fake GitHub backed by a real git repository', () => {
  let api: FakeGitHubApi;
  let dir: string;
  let sha: string;
  let client: GitHubRequester;
  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    api = await startFakeGitHubApi({ appId: 1, privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() });
    dir = mkdtempSync(join(tmpdir(), 'chaingate-api-files-'));
    const files: Record<string, string> = {
      'package-lock.json': '{"lockfileVersion":3,"packages":{}}\n',
      'apps/web/yarn.lock': '# yarn lockfile v1\n',
      'apps/web/deep/er/pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'node_modules/left-pad/package.json': '{}',
      'big.json': 'x'.repeat(5000),
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } }).trim();
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'files');
    sha = git('rev-parse', 'HEAD');
    api.addRepository('octo-org/shop', dir);
    client = createGitHubClient({ token: api.issueToken(), baseUrl: `http://${api.host}/api/v3`, userAgent: 'chaingate-test', retries: 0 });
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every file outside node_modules with one trees request and reads bytes through the blobs API', async () => {
    const since = api.requests.length;
    const files = githubCommitFiles(client, REPO, sha);
    expect([...(await files.listFiles())].sort()).toEqual(['apps/web/deep/er/pnpm-lock.yaml', 'apps/web/yarn.lock', 'big.json', 'package-lock.json']);
    expect(new TextDecoder().decode(await files.readFile('apps/web/yarn.lock', 1000))).toBe('# yarn lockfile v1\n');
    expect(await files.readFile('missing.lock', 1000)).toBeUndefined();
    await files.readFile('apps/web/yarn.lock', 1000);
    expect(api.requests.slice(since).map((r) => r.operationId)).toEqual(['git/get-tree', 'git/get-blob']);
    api.assertValid();
  });

  it('completes a truncated tree directory by directory, never walking node_modules', async () => {
    api.truncateRecursiveTrees(true);
    try {
      const since = api.requests.length;
      const files = await githubCommitFiles(client, REPO, sha).listFiles();
      expect([...files].sort()).toEqual(['apps/web/deep/er/pnpm-lock.yaml', 'apps/web/yarn.lock', 'big.json', 'package-lock.json']);
      // The recursive request, then the root, apps, apps/web, apps/web/deep, apps/web/deep/er.
      expect(api.requests.slice(since).filter((r) => r.operationId === 'git/get-tree')).toHaveLength(6);
      api.assertValid();
    } finally {
      api.truncateRecursiveTrees(false);
    }
  });

  it('refuses a file over the limit by its tree size, without fetching the blob', async () => {
    const files = githubCommitFiles(client, REPO, sha);
    await files.listFiles();
    const since = api.requests.length;
    const error = await rejectedWith(ParseError, files.readFile('big.json', 4096));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain('big.json');
    expect(api.requests.length).toBe(since);
  });
});

describe('githubCommitFiles refuses answers that do not add up', () => {
  const tree = { sha: 'a'.repeat(40), truncated: false, tree: [{ path: 'package-lock.json', type: 'blob', sha: 'b'.repeat(40), size: 3 }] };
  const clientAnswering = (blob: unknown): GitHubRequester =>
    ({ request: (route: string) => Promise.resolve({ data: route.includes('/git/trees/') ? tree : blob }) }) as unknown as GitHubRequester;

  it('refuses a blob whose bytes differ from the size its tree entry gave', async () => {
    const files = githubCommitFiles(clientAnswering({ encoding: 'base64', content: Buffer.from('{}{}').toString('base64') }), REPO, 'c'.repeat(40));
    expect((await rejectedWith(UpstreamError, files.readFile('package-lock.json', 100))).code).toBe('BAD_RESPONSE');
  });

  it('refuses a blob that is not base64', async () => {
    const files = githubCommitFiles(clientAnswering({ encoding: 'utf-8', content: '{}\n' }), REPO, 'c'.repeat(40));
    expect((await rejectedWith(UpstreamError, files.readFile('package-lock.json', 100))).code).toBe('BAD_RESPONSE');
  });

  it('refuses base64 far longer than the size announced, before decoding it', async () => {
    const files = githubCommitFiles(clientAnswering({ encoding: 'base64', content: 'QUJD'.repeat(10_000) }), REPO, 'c'.repeat(40));
    expect((await rejectedWith(UpstreamError, files.readFile('package-lock.json', 100))).message).toContain('longer than the 3 bytes');
  });
});
