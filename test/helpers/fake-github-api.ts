import { execFileSync } from 'node:child_process';
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerGitData } from './fake-github-git.js';
import { type FakePull, fakePulls } from './fake-github-pulls.js';
import { type Answer, FakeReleases, type FakeRelease, type NewRelease } from './fake-github-releases.js';
import { createIssuesState, type IssuesState } from './fake-issues.js';
import { validateRequest, validateResponse } from './openapi-validator.js';

/**
 * A fake of GitHub's REST API for the App, served like GitHub Enterprise
 * Server under `/api/v3`, backed by REAL git repositories (trees, blobs,
 * compare and contents come from `git` itself) and strict at the transport:
 * every request is checked against GitHub's OpenAPI description
 * (validateRequest) and any invalid one is answered 404/422 and recorded in
 * `violations`. Installation tokens are issued only for a JWT signed with
 * the App's key; every other call needs one of those tokens. Check runs are
 * kept in memory, and so are releases, their assets (uploaded under
 * `/api/uploads`, as GitHub Enterprise Server serves `upload_url`),
 * artifact attestations, issues, comments, permissions and deployment gate
 * reviews (fake-issues.ts); the Git data API writes into the git repository
 * (fake-github-git.ts); pull requests opened through the API, their labels
 * and reviewers are kept in memory (fake-github-pulls.ts). Faults (5xx,
 * 429, secondary limits) can be queued for the next matching requests; with
 * `secondaryLimits` the fake refuses content-creating requests over GitHub's
 * limits, as GitHub does.
 */
export interface FakeGitHubApi {
  /** `GHE_HOST` for the App: `127.0.0.1:PORT`. */
  readonly host: string;
  readonly requests: readonly ApiRequest[];
  readonly violations: readonly string[];
  /** Answers that do not match the documented response schema (the fake's own shortcuts, reported, not fatal). */
  readonly responseMismatches: readonly string[];
  /** Serves `owner/repo` from a git repository on disk (its HEAD is the default branch). */
  addRepository(fullName: string, dir: string): void;
  checkRuns(fullName: string): readonly CheckRun[];
  /** Pull requests opened through the API (see fake-github-pulls.ts). */
  pulls(fullName: string): readonly FakePull[];
  /** Users and team slugs reviews may be requested from. */
  setCollaborators(fullName: string, users: readonly string[], teams?: readonly string[]): void;
  /** Creates a release (newest first in listings); returns it with the `upload_url` a payload carries. */
  addRelease(fullName: string, release: NewRelease): FakeRelease & { readonly upload_url: string };
  releases(fullName: string): readonly FakeRelease[];
  /** Lists `bundle` among the artifact attestations of `sha256` (hex) in the repository. */
  attest(fullName: string, sha256: string, bundle: unknown): void;
  /** Issues, comments, collaborator permissions and deployment gate reviews. */
  readonly issues: IssuesState;
  /** Content-creating requests refused because they went over `secondaryLimits` (a pacer should leave none). */
  readonly limitViolations: readonly string[];
  /** An installation token the fake accepts, for adapter tests that skip the App's authentication. */
  issueToken(): string;
  /** Answers recursive tree requests as GitHub does for huge trees: `truncated: true` and only the top level. */
  truncateRecursiveTrees(on: boolean): void;
  /** A collaborator's role on every repository (`admin`, `maintain`, `write`, `triage`, `read`); others get 404. */
  setRole(login: string, role: string): void;
  /** Serves an open pull request of `owner/repo` with these base and head commits. */
  addPullRequest(fullName: string, number: number, base: string, head: string): void;
  /** The comments of one pull request or issue, oldest first. */
  comments(fullName: string, number: number): readonly FakeComment[];
  /** The next `count` requests matching `when` get this answer instead. */
  injectFault(when: (request: ApiRequest) => boolean, fault: Fault, count?: number): void;
  assertValid(): void;
  close(): Promise<void>;
}

export interface ApiRequest {
  readonly method: string;
  /** Path relative to the API root, with the query. */
  readonly path: string;
  readonly operationId?: string | undefined;
  readonly body: unknown;
}

export interface FakeComment {
  readonly id: number;
  body: string;
  readonly user: { readonly login: string; readonly type: string };
}

/** The App's slug the fake answers `GET /app` with: it comments as `chaingate-test[bot]`. */
export const FAKE_APP_SLUG = 'chaingate-test';

export interface Fault {
  readonly status: number;
  /** Carry the request out, then answer with the fault (a 5xx after GitHub created the issue). */
  readonly afterApply?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  readonly message?: string;
}

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id: string | null;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations_count: number };
  annotations: unknown[];
  actions: unknown[];
  /** Every PATCH and POST body, in order. */
  history: unknown[];
}

const PREFIX = '/api/v3';
const UPLOADS = '/api/uploads';

/** GitHub's secondary limits on content-creating requests, counted on the test's clock. */
export interface SecondaryLimits {
  readonly now: () => number;
  readonly perMinute?: number;
  readonly perHour?: number;
}

export async function startFakeGitHubApi(options: { readonly appId: number; readonly privateKeyPem: string; readonly secondaryLimits?: SecondaryLimits }): Promise<FakeGitHubApi> {
  const publicKey = createPublicKey(options.privateKeyPem);
  const requests: ApiRequest[] = [];
  const violations: string[] = [];
  const responseMismatches: string[] = [];
  const repositories = new Map<string, string>();
  const runs = new Map<string, CheckRun[]>();
  const tokens = new Set<string>();
  const faults: { when: (request: ApiRequest) => boolean; fault: Fault; left: number }[] = [];
  const roles = new Map<string, string>();
  const pulls = new Map<string, { base: string; head: string }>();
  const comments = new Map<string, FakeComment[]>();
  let nextId = 5000;
  let truncate = false;
  const limitViolations: string[] = [];
  const contentCreated: number[] = [];
  const pullStore = fakePulls();

  const server: Server = createServer((req, res) => void handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  const root = `http://${host}${PREFIX}`;
  const releases = new FakeReleases(root, `http://${host}${UPLOADS}`);
  const issues = createIssuesState(root);

  /** Counts a content-creating request; the reason it is refused when it goes over a limit. */
  function overLimit(method: string, operationId: string): string | undefined {
    const limits = options.secondaryLimits;
    if (!limits || method === 'GET' || operationId === 'apps/create-installation-access-token') return undefined;
    const now = limits.now();
    const inLast = (ms: number): number => contentCreated.filter((t) => t > now - ms).length;
    const why = inLast(60_000) >= (limits.perMinute ?? 80) ? 'per minute' : inLast(3_600_000) >= (limits.perHour ?? 500) ? 'per hour' : undefined;
    if (!why) contentCreated.push(now);
    return why;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    const target = new URL(req.url ?? '/', `http://${host}`);
    const method = req.method ?? '';
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    const upload = target.pathname.startsWith(`${UPLOADS}/`);
    if (!upload && !target.pathname.startsWith(`${PREFIX}/`)) {
      violations.push(`${method} ${target.pathname}: not under ${PREFIX}`);
      return send(res, 404, { message: 'Not Found' });
    }
    const pathname = target.pathname.slice(upload ? UPLOADS.length : PREFIX.length);
    const validated = validateRequest(method, pathname, target.searchParams, body);
    const request: ApiRequest = { method, path: pathname + target.search, operationId: validated.operationId, body };
    requests.push(request);
    if (!validated.ok) {
      violations.push(`${method} ${pathname}${target.search}: ${validated.reason}`);
      return send(res, validated.status, { message: validated.reason, documentation_url: 'https://docs.github.com/rest' });
    }
    if (upload !== (validated.operationId === 'repos/upload-release-asset')) {
      violations.push(`${method} ${target.pathname}: ${upload ? 'only release assets are uploaded' : 'release assets go to the upload_url'} (${UPLOADS})`);
      return send(res, 404, { message: 'Not Found' });
    }
    const auth = req.headers.authorization ?? '';
    if (validated.operationId === 'apps/create-installation-access-token' || validated.operationId === 'apps/get-authenticated') {
      if (!validJwt(auth.replace(/^bearer /iu, ''), publicKey, options.appId)) return send(res, 401, { message: 'A JSON web token could not be decoded' });
    } else if (!tokens.has(auth.replace(/^token /iu, ''))) {
      violations.push(`${method} ${pathname}: not authenticated with an installation token`);
      return send(res, 401, { message: 'Bad credentials' });
    }
    const limited = overLimit(method, validated.operationId);
    if (limited) {
      limitViolations.push(`${method} ${pathname}: over the secondary limit ${limited}`);
      return send(res, 403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest' }, { 'retry-after': '60' });
    }
    const fault = faults.find((f) => f.left > 0 && f.when(request));
    if (fault) {
      fault.left--;
      if (fault.fault.afterApply) answer(validated.operationId, validated.params, target.searchParams, body as Record<string, unknown>);
      return send(res, fault.fault.status, { message: fault.fault.message ?? 'Server Error', documentation_url: 'https://docs.github.com/rest' }, fault.fault.headers);
    }
    const full = `${validated.params.owner}/${validated.params.repo}`;
    const released = repositories.has(full)
      ? releases.answer(validated.operationId, full, validated.params, target.searchParams, { body: raw, contentType: String(req.headers['content-type'] ?? ''), accept: String(req.headers.accept ?? '') })
      : undefined;
    const { status, json, raw: binary, headers }: Answer & { readonly headers?: Record<string, string> | undefined } =
      released ?? answer(validated.operationId, validated.params, target.searchParams, body as Record<string, unknown>);
    const limits = { 'x-ratelimit-remaining': '4999', 'x-ratelimit-limit': '5000' };
    if (binary) {
      res.writeHead(status, { 'content-type': 'application/octet-stream', 'content-length': String(binary.byteLength), ...limits });
      return void res.end(binary);
    }
    const mismatch = validateResponse(validated.operationId, status, json);
    if (mismatch) responseMismatches.push(mismatch);
    send(res, status, json, { ...limits, ...headers });
  }

  function repoDir(params: Readonly<Record<string, string>>): string | undefined {
    return repositories.get(`${params.owner}/${params.repo}`);
  }

  function answer(operationId: string, params: Readonly<Record<string, string>>, query: URLSearchParams, body: Record<string, unknown> | undefined): { status: number; json: unknown; headers?: Record<string, string> } {
    const notFound = { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
    if (operationId === 'apps/create-installation-access-token') {
      const token = `ghs_fake${nextId++}x${Math.random().toString(36).slice(2)}`;
      tokens.add(token);
      return { status: 201, json: { token, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: { checks: 'write', contents: 'read' }, repository_selection: 'all' } };
    }
    const issueAnswer = issues.answer(operationId, params, query, body);
    if (issueAnswer) return issueAnswer;
    if (operationId === 'apps/get-authenticated') {
      const now = new Date().toISOString();
      return {
        status: 200,
        json: {
          id: options.appId, slug: FAKE_APP_SLUG, node_id: 'A_1', client_id: 'Iv1.fake', name: 'chaingate test', description: null, external_url: 'https://example.com', html_url: `https://github.com/apps/${FAKE_APP_SLUG}`,
          created_at: now, updated_at: now, owner: null, permissions: { checks: 'write', contents: 'read' }, events: ['pull_request', 'issue_comment'],
        },
      };
    }
    const dir = repoDir(params);
    if (!dir) return notFound;
    const full = `${params.owner}/${params.repo}`;
    switch (operationId) {
      case 'git/get-tree': {
        const sha = gitOr(dir, ['rev-parse', '--verify', '--quiet', `${params.tree_sha}^{tree}`]);
        if (!sha) return notFound;
        const recursive = query.has('recursive') && !truncate;
        const tree = git(dir, ['ls-tree', '-l', '-z', ...(recursive ? ['-r', '-t'] : []), sha])
          .split('\0')
          .filter(Boolean)
          .map((line) => {
            const [meta, path] = line.split('\t') as [string, string];
            const [mode, type, object, size] = meta.split(/\s+/u) as [string, string, string, string];
            return { path, mode, type, sha: object, ...(type === 'blob' ? { size: Number(size) } : {}), url: `${root}/repos/${full}/git/${type}s/${object}` };
          });
        return { status: 200, json: { sha, url: `${root}/repos/${full}/git/trees/${sha}`, tree, truncated: truncate && query.has('recursive') } };
      }
      case 'git/get-blob': {
        const size = gitOr(dir, ['cat-file', '-s', params.file_sha!]);
        if (!size) return notFound;
        const content = execFileSync('git', ['cat-file', 'blob', params.file_sha!], { cwd: dir, maxBuffer: 256 * 1024 * 1024 });
        return {
          status: 200,
          json: { sha: params.file_sha, node_id: `B_${params.file_sha}`, size: Number(size), url: `${root}/repos/${full}/git/blobs/${params.file_sha}`, content: wrap(content.toString('base64')), encoding: 'base64' },
        };
      }
      case 'repos/compare-commits-with-basehead': {
        const [base, head] = params.basehead!.split('...') as [string, string];
        if (!gitOr(dir, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]) || !gitOr(dir, ['rev-parse', '--verify', '--quiet', `${head}^{commit}`])) return notFound;
        const files = git(dir, ['diff', '--name-status', '-z', '--no-renames', base, head])
          .split('\0')
          .filter(Boolean)
          .reduce<{ status: string; filename: string }[]>((out, item, i, all) => (i % 2 === 0 ? [...out, { status: item, filename: all[i + 1]! }] : out), [])
          .map((f) => ({
            sha: '0'.repeat(40),
            filename: f.filename,
            status: f.status === 'A' ? 'added' : f.status === 'D' ? 'removed' : 'modified',
            additions: 0,
            deletions: 0,
            changes: 0,
            blob_url: `https://github.com/${full}/blob/${head}/${f.filename}`,
            raw_url: `https://github.com/${full}/raw/${head}/${f.filename}`,
            contents_url: `${root}/repos/${full}/contents/${f.filename}?ref=${head}`,
          }));
        return { status: 200, json: { url: `${root}/repos/${full}/compare/${params.basehead}`, status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1, commits: [], files } };
      }
      case 'repos/get-content': {
        const ref = query.get('ref') ?? 'HEAD';
        const object = gitOr(dir, ['rev-parse', '--verify', '--quiet', `${ref}:${params.path}`]);
        if (!object || gitOr(dir, ['cat-file', '-t', object]) !== 'blob') return notFound;
        const content = execFileSync('git', ['cat-file', 'blob', object], { cwd: dir });
        const name = params.path!.slice(params.path!.lastIndexOf('/') + 1);
        const url = `${root}/repos/${full}/contents/${params.path}`;
        return {
          status: 200,
          json: {
            type: 'file', encoding: 'base64', size: content.byteLength, name, path: params.path, content: wrap(content.toString('base64')), sha: object, url,
            git_url: `${root}/repos/${full}/git/blobs/${object}`, html_url: `https://github.com/${full}/blob/main/${params.path}`, download_url: null,
            _links: { self: url, git: `${root}/repos/${full}/git/blobs/${object}`, html: `https://github.com/${full}/blob/main/${params.path}` },
          },
        };
      }
      case 'repos/get': {
        const branch = gitOr(dir, ['symbolic-ref', '--short', '-q', 'HEAD']) ?? 'main';
        const url = `${root}/repos/${full}`;
        return {
          status: 200,
          json: {
            id: 1, node_id: 'R_1', name: params.repo, full_name: full, private: true, owner: { login: params.owner, id: 2, type: 'Organization' }, html_url: `https://github.com/${full}`,
            description: null, fork: false, url, default_branch: branch, archived: false, disabled: false, visibility: 'private', pushed_at: new Date(0).toISOString(),
            created_at: new Date(0).toISOString(), updated_at: new Date(0).toISOString(),
          },
        };
      }
      case 'repos/get-commit': {
        const sha = gitOr(dir, ['rev-parse', '--verify', '--quiet', `${params.ref}^{commit}`]);
        if (!sha) return { status: 422, json: { message: `No commit found for SHA: ${params.ref}`, documentation_url: 'https://docs.github.com/rest/commits/commits#get-a-commit' } };
        const tree = git(dir, ['rev-parse', `${sha}^{tree}`]).trim();
        const parents = git(dir, ['rev-list', '--parents', '-n', '1', sha]).trim().split(' ').slice(1);
        const person = { name: 't', email: 't@example.com', date: new Date(0).toISOString() };
        return {
          status: 200,
          json: {
            url: `${root}/repos/${full}/commits/${sha}`, sha, node_id: `C_${sha}`, html_url: `https://github.com/${full}/commit/${sha}`, comments_url: `${root}/repos/${full}/commits/${sha}/comments`,
            commit: { url: `${root}/repos/${full}/git/commits/${sha}`, author: person, committer: person, message: git(dir, ['log', '-1', '--format=%s', sha]).trim(), comment_count: 0, tree: { sha: tree, url: `${root}/repos/${full}/git/trees/${tree}` } },
            author: null, committer: null, parents: parents.map((p) => ({ sha: p, url: `${root}/repos/${full}/commits/${p}` })), files: [],
          },
        };
      }
      case 'checks/list-for-ref': {
        const mine = (runs.get(full) ?? []).filter((r) => r.head_sha === params.ref && (!query.get('check_name') || r.name === query.get('check_name')));
        return { status: 200, json: { total_count: mine.length, check_runs: mine.map((r) => runJson(full, r)) } };
      }
      case 'checks/create': {
        const run: CheckRun = {
          id: nextId++, name: String(body!.name), head_sha: String(body!.head_sha), external_id: (body!.external_id as string | undefined) ?? null,
          status: String(body!.status ?? 'queued'), conclusion: null, started_at: (body!.started_at as string | undefined) ?? null, completed_at: null,
          output: { title: null, summary: null, text: null, annotations_count: 0 }, annotations: [], actions: [], history: [body],
        };
        applyUpdate(run, body!);
        runs.set(full, [...(runs.get(full) ?? []), run]);
        return { status: 201, json: runJson(full, run) };
      }
      case 'checks/update': {
        const run = (runs.get(full) ?? []).find((r) => r.id === Number(params.check_run_id));
        if (!run) return notFound;
        run.history.push(body);
        applyUpdate(run, body!);
        return { status: 200, json: runJson(full, run) };
      }
      case 'repos/get-collaborator-permission-level': {
        const role = roles.get(params.username!);
        if (!role) return notFound;
        const permission = role === 'admin' ? 'admin' : role === 'maintain' || role === 'write' ? 'write' : role === 'triage' || role === 'read' ? 'read' : 'none';
        return { status: 200, json: { permission, role_name: role, user: userJson(params.username!, 'User') } };
      }
      case 'pulls/get': {
        const pr = pulls.get(`${full}#${params.pull_number}`);
        if (!pr) return notFound;
        return { status: 200, json: { number: Number(params.pull_number), state: 'open', head: { sha: pr.head, ref: 'feature' }, base: { sha: pr.base, ref: 'main' } } };
      }
      case 'issues/list-comments': {
        const all = comments.get(`${full}#${params.issue_number}`) ?? [];
        const perPage = Number(query.get('per_page') ?? 30);
        const page = Number(query.get('page') ?? 1);
        return { status: 200, json: all.slice((page - 1) * perPage, page * perPage).map((c) => commentJson(full, Number(params.issue_number), c)) };
      }
      case 'issues/create-comment': {
        const comment: FakeComment = { id: nextId++, body: String(body!.body), user: { login: `${FAKE_APP_SLUG}[bot]`, type: 'Bot' } };
        const key = `${full}#${params.issue_number}`;
        comments.set(key, [...(comments.get(key) ?? []), comment]);
        return { status: 201, json: commentJson(full, Number(params.issue_number), comment) };
      }
      case 'issues/update-comment': {
        const comment = [...comments.values()].flat().find((c) => c.id === Number(params.comment_id));
        if (!comment) return notFound;
        comment.body = String(body!.body);
        return { status: 200, json: commentJson(full, 0, comment) };
      }
      default:
        return answerGitData(dir, full, root, operationId, params, query, body) ?? pullStore.answer(dir, full, root, operationId, params, query, body) ?? notFound;
    }
  }

  function userJson(login: string, type: string) {
    return { login, id: 1, node_id: 'U_1', avatar_url: '', gravatar_id: null, url: '', html_url: '', followers_url: '', following_url: '', gists_url: '', starred_url: '', subscriptions_url: '', organizations_url: '', repos_url: '', events_url: '', received_events_url: '', type, site_admin: false };
  }

  function commentJson(full: string, number: number, c: FakeComment) {
    const url = `${root}/repos/${full}/issues/comments/${c.id}`;
    const now = new Date().toISOString();
    return { id: c.id, node_id: `IC_${c.id}`, url, html_url: `https://github.com/${full}/pull/${number}#issuecomment-${c.id}`, body: c.body, user: userJson(c.user.login, c.user.type), created_at: now, updated_at: now, issue_url: `${root}/repos/${full}/issues/${number}`, author_association: 'NONE' };
  }

  function runJson(full: string, run: CheckRun) {
    return {
      id: run.id, head_sha: run.head_sha, node_id: `CR_${run.id}`, external_id: run.external_id, url: `${root}/repos/${full}/check-runs/${run.id}`,
      html_url: `https://github.com/${full}/runs/${run.id}`, details_url: null, status: run.status, conclusion: run.conclusion, started_at: run.started_at,
      completed_at: run.completed_at, output: { ...run.output, annotations_url: `${root}/repos/${full}/check-runs/${run.id}/annotations` }, name: run.name,
      check_suite: { id: 1 }, app: null, pull_requests: [],
    };
  }

  return {
    host,
    requests,
    violations,
    responseMismatches,
    addRepository: (fullName, dir) => void repositories.set(fullName, dir),
    checkRuns: (fullName) => runs.get(fullName) ?? [],
    pulls: (fullName) => pullStore.pulls(fullName),
    setCollaborators: (fullName, users, teams) => pullStore.setCollaborators(fullName, users, teams),
    addRelease: (fullName, release) => releases.add(fullName, release),
    releases: (fullName) => releases.list(fullName),
    attest: (fullName, sha256, bundle) => releases.attest(fullName, sha256, bundle),
    issues,
    limitViolations,
    issueToken() {
      const token = `ghs_direct${nextId++}`;
      tokens.add(token);
      return token;
    },
    truncateRecursiveTrees: (on) => void (truncate = on),
    setRole: (login, role) => void roles.set(login, role),
    addPullRequest: (fullName, number, base, head) => void pulls.set(`${fullName}#${number}`, { base, head }),
    comments: (fullName, number) => comments.get(`${fullName}#${number}`) ?? [],
    injectFault: (when, fault, count = 1) => void faults.push({ when, fault, left: count }),
    assertValid() {
      if (violations.length > 0) throw new Error(`requests GitHub would refuse:\n  ${violations.join('\n  ')}`);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function applyUpdate(run: CheckRun, body: Record<string, unknown>): void {
  if (typeof body.status === 'string') run.status = body.status;
  if (typeof body.conclusion === 'string') {
    run.conclusion = body.conclusion;
    run.status = 'completed';
  }
  if (body.status === 'in_progress') run.conclusion = null;
  if (typeof body.started_at === 'string') run.started_at = body.started_at;
  if (typeof body.completed_at === 'string') run.completed_at = body.completed_at;
  const output = body.output as { title?: string; summary?: string; text?: string; annotations?: unknown[] } | undefined;
  if (output) {
    run.output = { ...run.output, title: output.title ?? run.output.title, summary: output.summary ?? run.output.summary, text: output.text ?? run.output.text };
    if (body.status === 'in_progress') run.annotations = [];
    if (output.annotations) run.annotations.push(...output.annotations);
    run.output.annotations_count = run.annotations.length;
  }
  if (Array.isArray(body.actions)) run.actions = body.actions;
}

/** An RS256 JWT for this App, signed with its key and not expired (what GitHub checks). */
function validJwt(token: string, key: KeyObject, appId: number): boolean {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return false;
  if (!verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))) return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown; exp?: number };
  return String(claims.iss) === String(appId) && typeof claims.exp === 'number' && claims.exp * 1000 > Date.now();
}

function git(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

function gitOr(dir: string, args: string[]): string | undefined {
  try {
    return git(dir, args).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** GitHub wraps base64 content at 60 characters. */
function wrap(base64: string): string {
  return `${base64.replace(/.{60}/gu, '$&\n')}\n`;
}

function send(res: ServerResponse, status: number, json: unknown, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-github-api-version-selected': '2022-11-28', ...headers });
  res.end(JSON.stringify(json));
}
