/**
 * Issues, comments, collaborator permissions and deployment-gate reviews for
 * the fake GitHub API (fake-github-api.ts), in memory, in GitHub's shapes.
 * The fake calls {@link IssuesState.answer} for every validated request; it
 * answers the operations it knows for the issues it holds and `undefined`
 * for the rest (pull request comments and roles are the main fake's).
 */
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  assignees: string[];
  author: { login: string; type: 'User' | 'Bot' };
  comments: { id: number; body: string; author: { login: string; type: 'User' | 'Bot' } }[];
  /** Every state the issue went through, in order (`open` first). */
  states: ('open' | 'closed')[];
}

export interface GateReview {
  readonly repository: string;
  readonly runId: number;
  readonly environment: string;
  readonly state?: string | undefined;
  readonly comment?: string | undefined;
}

export interface IssuesState {
  answer(operationId: string, params: Readonly<Record<string, string>>, query: URLSearchParams, body: Record<string, unknown> | undefined): { status: number; json: unknown; headers?: Record<string, string> } | undefined;
  issues(fullName: string): readonly FakeIssue[];
  /** Adds an issue as if someone wrote it (a user pasting a marker, a previous run). */
  seedIssue(fullName: string, issue: Pick<FakeIssue, 'title' | 'body' | 'author'> & Partial<Pick<FakeIssue, 'state' | 'labels'>>): FakeIssue;
  /** Adds a comment to an issue. */
  seedComment(fullName: string, issueNumber: number, body: string, author: FakeIssue['author']): void;
  /** What `GET …/collaborators/{username}/permission` answers for this repository (unset: the main fake's roles answer). */
  setPermission(fullName: string, login: string, permission: 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'): void;
  /** Who may be assigned in a repository; creating an issue assigned to anyone else is refused with 422, as GitHub does. */
  setAssignable(fullName: string, logins: readonly string[]): void;
  readonly gateReviews: readonly GateReview[];
}

/** The account the App's installation token writes as. */
export const APP_BOT = { login: 'chaingate[bot]', type: 'Bot' } as const;

export function createIssuesState(root: string): IssuesState {
  const byRepo = new Map<string, FakeIssue[]>();
  const permissions = new Map<string, string>();
  const assignable = new Map<string, readonly string[]>();
  const gateReviews: GateReview[] = [];
  let nextId = 900_000;
  const list = (full: string): FakeIssue[] => byRepo.get(full) ?? (byRepo.set(full, []), byRepo.get(full)!);
  const notFound = { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };

  function user(u: FakeIssue['author']) {
    const base = `${root}/users/${encodeURIComponent(u.login)}`;
    return {
      login: u.login, id: u.type === 'Bot' ? 41898282 : 583231, node_id: `U_${u.login}`, avatar_url: `https://avatars.githubusercontent.com/u/1?v=4`, gravatar_id: '',
      url: base, html_url: `https://github.com/${encodeURIComponent(u.login)}`, followers_url: `${base}/followers`, following_url: `${base}/following{/other_user}`,
      gists_url: `${base}/gists{/gist_id}`, starred_url: `${base}/starred{/owner}{/repo}`, subscriptions_url: `${base}/subscriptions`,
      organizations_url: `${base}/orgs`, repos_url: `${base}/repos`, events_url: `${base}/events{/privacy}`, received_events_url: `${base}/received_events`,
      type: u.type, site_admin: false,
    };
  }

  function issueJson(full: string, i: FakeIssue) {
    const url = `${root}/repos/${full}/issues/${i.number}`;
    const at = new Date(0).toISOString();
    return {
      id: 7_000_000 + i.number, node_id: `I_${full}_${i.number}`, url, repository_url: `${root}/repos/${full}`, labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`, events_url: `${url}/events`, html_url: `https://github.com/${full}/issues/${i.number}`, number: i.number,
      state: i.state, ...(i.state === 'closed' ? { state_reason: 'completed' } : {}), title: i.title, body: i.body, user: user(i.author),
      labels: i.labels.map((name, n) => ({ id: n + 1, node_id: `L_${name}`, url: `${root}/repos/${full}/labels/${encodeURIComponent(name)}`, name, description: null, color: 'ededed', default: false })),
      assignee: i.assignees[0] ? user({ login: i.assignees[0], type: 'User' }) : null, assignees: i.assignees.map((login) => user({ login, type: 'User' })),
      milestone: null, locked: false, active_lock_reason: null, comments: i.comments.length, closed_at: i.state === 'closed' ? at : null,
      created_at: at, updated_at: at, author_association: 'NONE',
    };
  }

  function commentJson(full: string, issue: number, c: FakeIssue['comments'][number]) {
    const at = new Date(0).toISOString();
    return {
      id: c.id, node_id: `IC_${c.id}`, url: `${root}/repos/${full}/issues/comments/${c.id}`, html_url: `https://github.com/${full}/issues/${issue}#issuecomment-${c.id}`,
      body: c.body, user: user(c.author), created_at: at, updated_at: at, issue_url: `${root}/repos/${full}/issues/${issue}`, author_association: 'NONE',
    };
  }

  function page<T>(items: T[], query: URLSearchParams, link: string): { slice: T[]; headers: Record<string, string> } {
    const perPage = Number(query.get('per_page') ?? 30);
    const n = Number(query.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    return { slice: items.slice((n - 1) * perPage, n * perPage), headers: n < last ? { link: `<${link}&page=${n + 1}>; rel="next"` } : {} };
  }

  return {
    answer(operationId, params, query, body) {
      const full = `${params.owner}/${params.repo}`;
      const issue = (): FakeIssue | undefined => list(full).find((i) => i.number === Number(params.issue_number));
      switch (operationId) {
        case 'issues/list-for-repo': {
          const state = query.get('state') ?? 'open';
          const labels = (query.get('labels') ?? '').split(',').filter(Boolean);
          const matching = list(full).filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)));
          if (query.get('direction') === 'desc') matching.reverse();
          const { slice, headers } = page(matching, query, `${root}/repos/${full}/issues?per_page=${query.get('per_page') ?? 30}`);
          return { status: 200, json: slice.map((i) => issueJson(full, i)), headers };
        }
        case 'issues/create': {
          const allowed = assignable.get(full);
          const wanted = (body!.assignees as string[] | undefined) ?? [];
          if (allowed && wanted.some((login) => !allowed.includes(login))) {
            return { status: 422, json: { message: 'Validation Failed', errors: [{ value: wanted, resource: 'Issue', field: 'assignees', code: 'invalid' }], documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue' } };
          }
          const created: FakeIssue = {
            number: list(full).length + 1, title: String(body!.title), body: String(body!.body ?? ''), state: 'open', labels: (body!.labels as string[] | undefined) ?? [],
            assignees: (body!.assignees as string[] | undefined) ?? [], author: APP_BOT, comments: [], states: ['open'],
          };
          list(full).push(created);
          return { status: 201, json: issueJson(full, created) };
        }
        case 'issues/update': {
          const found = issue();
          if (!found) return notFound;
          if (typeof body!.title === 'string') found.title = body!.title;
          if (typeof body!.body === 'string') found.body = body!.body;
          if ((body!.state === 'open' || body!.state === 'closed') && body!.state !== found.state) {
            found.state = body!.state;
            found.states.push(body!.state);
          }
          return { status: 200, json: issueJson(full, found) };
        }
        case 'issues/list-comments': {
          // Comments of issues this store does not hold (pull requests) are the main fake's.
          const found = issue();
          if (!found) return undefined;
          const { slice, headers } = page(found.comments, query, `${root}/repos/${full}/issues/${found.number}/comments?per_page=${query.get('per_page') ?? 30}`);
          return { status: 200, json: slice.map((c) => commentJson(full, found.number, c)), headers };
        }
        case 'issues/create-comment': {
          const found = issue();
          if (!found) return undefined;
          const comment = { id: nextId++, body: String(body!.body), author: APP_BOT };
          found.comments.push(comment);
          return { status: 201, json: commentJson(full, found.number, comment) };
        }
        case 'repos/get-collaborator-permission-level': {
          const permission = permissions.get(`${full}:${params.username}`);
          if (permission === undefined) return undefined;
          return { status: 200, json: { permission, role_name: permission, user: { ...user({ login: params.username!, type: 'User' }), permissions: {} } } };
        }
        case 'actions/review-custom-gates-for-run':
          gateReviews.push({ repository: full, runId: Number(params.run_id), environment: String(body!.environment_name), state: body!.state as string | undefined, comment: body!.comment as string | undefined });
          return { status: 204, json: undefined };
        default:
          return undefined;
      }
    },
    issues: (full) => list(full),
    seedIssue(full, seed) {
      const created: FakeIssue = { number: list(full).length + 1, state: 'open', labels: [], assignees: [], comments: [], states: [seed.state ?? 'open'], ...seed };
      list(full).push(created);
      return created;
    },
    seedComment(full, issueNumber, body, author) {
      list(full).find((i) => i.number === issueNumber)!.comments.push({ id: nextId++, body, author });
    },
    setPermission: (full, login, permission) => void permissions.set(`${full}:${login}`, permission),
    setAssignable: (full, logins) => void assignable.set(full, logins),
    gateReviews,
  };
}
