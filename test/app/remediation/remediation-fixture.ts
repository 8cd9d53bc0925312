import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createGitHubClient, type GitHubClient } from '../../../src/adapters/github/index.js';
import { createHttpClient } from '../../../src/adapters/http/index.js';
import { NpmRegistrySource } from '../../../src/adapters/npm-registry/index.js';
import { toOsvRecord, type OsvRecord } from '../../../src/adapters/osv/index.js';
import { regenerateLockfile } from '../../../src/adapters/package-managers/index.js';
import type { LockfileRegeneration } from '../../../src/adapters/remediation/index.js';
import type { PackageMetadata } from '../../../src/core/facts.js';
import { type FakeGitHubApi, startFakeGitHubApi } from '../../helpers/fake-github-api.js';

export const OWNER = 'octo-org';
const GIT_IDENTITY = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

/** A fake GitHub backed by real git repositories, a client with retries off, and the real registry and npm behind the remediation. */
export interface RemediationWorld {
  readonly api: FakeGitHubApi;
  readonly client: GitHubClient;
  readonly work: string;
  /** A git repository served as `octo-org/<name>`, one commit per entry of `commits` (path → content), on `main`. */
  repository(name: string, commits: readonly Readonly<Record<string, string>>[]): string;
  commit(dir: string, files: Readonly<Record<string, string>>, message: string): string;
  /** The branch checked out into a fresh directory (what a reviewer or CI would get). */
  checkout(dir: string, branch: string): string;
  readonly metadata: (name: string) => Promise<PackageMetadata>;
  readonly regenerate: (request: LockfileRegeneration) => Promise<string>;
  /** How many times the package manager really ran, and for how long in all (ms). */
  regenerations(): number;
  regenerationMs(): number;
  close(): Promise<void>;
}

/**
 * `memoize` (the default in tests): the package manager's answer depends only on the files it
 * is given, so the same input runs it once per test file; the bench turns it off to time every run.
 */
export async function startRemediationWorld(options: { readonly memoize?: boolean } = {}): Promise<RemediationWorld> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const api = await startFakeGitHubApi({ appId: 1, privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() });
  const client = createGitHubClient({ token: api.issueToken(), baseUrl: `http://${api.host}/api/v3`, userAgent: 'chaingate-test', retries: 0, throttle: false });
  const work = mkdtempSync(join(tmpdir(), 'chaingate-remediation-'));
  const npm = new NpmRegistrySource({ http: createHttpClient({ userAgent: 'chaingate-test' }) });
  const regenerated = new Map<string, Promise<string>>();
  const packuments = new Map<string, Promise<PackageMetadata | undefined>>();
  let runs = 0;
  let regenerationMs = 0;
  const git = (dir: string, args: string[], input?: string) => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_IDENTITY }, encoding: 'utf8', input });
  const commit = (dir: string, files: Readonly<Record<string, string>>, message: string) => {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', message]);
    return git(dir, ['rev-parse', 'HEAD']).trim();
  };
  return {
    api,
    client,
    work,
    repository(name, commits) {
      const dir = join(work, 'repos', name);
      mkdirSync(dir, { recursive: true });
      git(dir, ['init', '-q', '-b', 'main']);
      commits.forEach((files, i) => commit(dir, files, `commit ${i + 1}`));
      api.addRepository(`${OWNER}/${name}`, dir);
      return dir;
    },
    commit,
    checkout(dir, branch) {
      const out = mkdtempSync(join(work, 'checkout-'));
      git(dir, ['worktree', 'add', '-q', '--detach', out, `refs/heads/${branch}`]);
      return out;
    },
    metadata: async (name) => {
      // One registry read per package per run, shared by every repository (as the App's source would).
      let pending = packuments.get(name);
      if (!pending) packuments.set(name, (pending = npm.metadata('npm', name)));
      const found = await pending;
      if (!found) throw new Error(`the registry has no ${name}`);
      return found;
    },
    regenerate(request) {
      const key = JSON.stringify([request.manager, request.lockfile, [...request.files], [...(request.pinnedFirst ?? [])], request.overridden]);
      let answer = options.memoize === false ? undefined : regenerated.get(key);
      if (!answer) {
        runs++;
        const started = performance.now();
        answer = regenerateLockfile({ ...request, env: { PATH: process.env['PATH'], HOME: process.env['HOME'] }, maxLockfileBytes: 64 * 1024 * 1024, cacheDirectory: join(process.env['HOME'] ?? work, '.npm') });
        void answer.finally(() => (regenerationMs += performance.now() - started)).catch(() => {});
        regenerated.set(key, answer);
      }
      return answer;
    },
    regenerations: () => runs,
    regenerationMs: () => regenerationMs,
    async close() {
      await api.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** The files of a fixture project folder, by relative path. */
export function projectFiles(dir: string, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

/** An OSV record from a fixture file, optionally changed. */
export function osvRecord(path: string, change: (json: Record<string, unknown>) => void = () => {}): OsvRecord {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  change(json);
  return toOsvRecord(json)!;
}
