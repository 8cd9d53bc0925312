import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateRequest, validateResponse } from './openapi-validator.js';

/**
 * A fake of GitHub's REST API for the issue-comment operations, strict at the
 * transport: every request is recorded and checked against GitHub's OpenAPI
 * description (test/fixtures/github/openapi-subset.json, from @octokit/openapi):
 * an unknown route, a missing or ill-typed parameter, or a body the schema
 * refuses is a violation, answered 404/422 and reported by assertValid().
 * Comments are kept in memory, so a second run sees the first run's comment.
 */
export interface FakeGitHub {
  readonly url: string;
  readonly requests: readonly GitHubRequest[];
  readonly violations: readonly string[];
  /** Comments per `owner/repo#number`, with the login that wrote each. */
  comments(issue: string): readonly { id: number; body: string; author: string }[];
  /** Adds comments written by `author` (by default the Actions bot, as a previous run would have). */
  seedComments(issue: string, bodies: readonly string[], author?: FakeUser): void;
  /** The account the token writes as (by default `github-actions[bot]`, a workflow's GITHUB_TOKEN). */
  actAs(user: FakeUser): void;
  /** Makes every write answer with this status (e.g. 403 for a read-only token). */
  failWrites(status: number | undefined): void;
  assertValid(): void;
  close(): Promise<void>;
}

/** A GitHub account: `{ login: 'octocat', type: 'User' }`, `{ login: 'github-actions[bot]', type: 'Bot' }`. */
export interface FakeUser {
  readonly login: string;
  readonly type: 'User' | 'Bot' | 'Organization';
}

export const ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', type: 'Bot' };

interface StoredComment {
  id: number;
  body: string;
  issue: string;
  created: string;
  updated: string;
  readonly author: FakeUser;
}

export interface GitHubRequest {
  readonly method: string;
  readonly path: string;
  readonly operationId?: string | undefined;
  readonly authorization?: string | undefined;
  readonly body: unknown;
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const requests: GitHubRequest[] = [];
  const violations: string[] = [];
  const store = new Map<string, StoredComment[]>();
  let nextId = 1_000_001;
  let writeStatus: number | undefined;
  let writer = ACTIONS_BOT;

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const target = new URL(req.url ?? '/', url);
    const method = req.method ?? '';
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    const validated = validateRequest(method, target.pathname, target.searchParams, body);
    requests.push({ method, path: target.pathname + target.search, operationId: validated.operationId, authorization: req.headers.authorization, body });
    const fail = (status: number, why: string): void => {
      violations.push(`${method} ${target.pathname}: ${why}`);
      send(res, status, { message: why, documentation_url: 'https://docs.github.com/rest' });
    };
    if (!validated.ok) return fail(validated.status, validated.reason);
    if (!req.headers.authorization) return fail(401, 'no Authorization header');
    if (!validated.operationId.startsWith('issues/')) return fail(404, `${validated.operationId} is not served by this fake (see fake-github-api.ts)`);
    const values = validated.params;
    if (writeStatus !== undefined && method !== 'GET') return send(res, writeStatus, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
    const { status, json, headers } = answer(validated.operationId, values, target.searchParams, body as { body: string } | undefined);
    const mismatch = validateResponse(validated.operationId, status, json);
    if (mismatch) violations.push(`fake answered off-schema: ${mismatch}`);
    send(res, status, json, headers as Record<string, string>);
  }

  function answer(operationId: string, values: Record<string, string>, query: URLSearchParams, body: { body: string } | undefined) {
    const { owner, repo } = values as { owner: string; repo: string };
    const now = new Date(0).toISOString();
    if (operationId === 'issues/list-comments') {
      const issue = `${owner}/${repo}#${values.issue_number}`;
      const all = store.get(issue) ?? [];
      const perPage = Number(query.get('per_page') ?? 30);
      const page = Number(query.get('page') ?? 1);
      const slice = all.slice((page - 1) * perPage, page * perPage);
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const link = page < last ? `<${url}/repos/${owner}/${repo}/issues/${values.issue_number}/comments?per_page=${perPage}&page=${page + 1}>; rel="next"` : undefined;
      return { status: 200, json: slice.map((c) => commentJson(owner, repo, c)), headers: (link ? { link } : {}) as Record<string, string> };
    }
    if (operationId === 'issues/create-comment') {
      const issue = `${owner}/${repo}#${values.issue_number}`;
      const comment = { id: nextId++, body: body!.body, issue, created: now, updated: now, author: writer };
      store.set(issue, [...(store.get(issue) ?? []), comment]);
      return { status: 201, json: commentJson(owner, repo, comment), headers: {} };
    }
    // issues/update-comment
    const id = Number(values.comment_id);
    const comment = [...store.values()].flat().find((c) => c.id === id);
    if (!comment) return { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }, headers: {} };
    comment.body = body!.body;
    return { status: 200, json: commentJson(owner, repo, comment), headers: {} };
  }

  function commentJson(owner: string, repo: string, c: StoredComment) {
    const number = c.issue.split('#')[1];
    const login = encodeURIComponent(c.author.login);
    const users = `${url}/users/${login}`;
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${url}/repos/${owner}/${repo}/issues/comments/${c.id}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${number}#issuecomment-${c.id}`,
      body: c.body,
      user: {
        login: c.author.login, id: c.author.type === 'Bot' ? 41898282 : 583231, node_id: `U_${login}`, avatar_url: `https://avatars.githubusercontent.com/u/${login}?v=4`, gravatar_id: '',
        url: users, html_url: `https://github.com/${login}`, followers_url: `${users}/followers`,
        following_url: `${users}/following{/other_user}`, gists_url: `${users}/gists{/gist_id}`,
        starred_url: `${users}/starred{/owner}{/repo}`, subscriptions_url: `${users}/subscriptions`,
        organizations_url: `${users}/orgs`, repos_url: `${users}/repos`, events_url: `${users}/events{/privacy}`,
        received_events_url: `${users}/received_events`, type: c.author.type, site_admin: false,
      },
      created_at: c.created,
      updated_at: c.updated,
      issue_url: `${url}/repos/${owner}/${repo}/issues/${number}`,
      author_association: 'NONE',
    };
  }

  return {
    url,
    requests,
    violations,
    comments: (issue) => (store.get(issue) ?? []).map(({ id, body, author }) => ({ id, body, author: author.login })),
    seedComments(issue, bodies, author = ACTIONS_BOT) {
      const now = new Date(0).toISOString();
      store.set(issue, [...(store.get(issue) ?? []), ...bodies.map((body) => ({ id: nextId++, body, issue, created: now, updated: now, author }))]);
    },
    actAs(user) {
      writer = user;
    },
    failWrites(status) {
      writeStatus = status;
    },
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

function send(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-github-api-version-selected': '2022-11-28', ...headers });
  res.end(JSON.stringify(json));
}
