import { execFileSync } from 'node:child_process';
import type { Answer } from './fake-github-git.js';

/** A pull request as the fake keeps it. */
export interface FakePull {
  readonly number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  merged: boolean;
  readonly head: string;
  readonly base: string;
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
}

/**
 * Pull requests, their labels and requested reviewers, kept in
 * memory per repository, with GitHub's refusals: a second open pull request
 * for the same head and base is 422 "A pull request already exists", a head
 * or base branch missing from the git repository is 422, and a review can be
 * requested only from the repository's collaborators and teams (422 otherwise,
 * for the whole request).
 */
export interface FakePulls {
  answer(dir: string, full: string, root: string, operationId: string, params: Readonly<Record<string, string>>, query: URLSearchParams, body: Record<string, unknown> | undefined): Answer | undefined;
  pulls(full: string): readonly FakePull[];
  /** Users and team slugs a review may be requested from. */
  setCollaborators(full: string, users: readonly string[], teams?: readonly string[]): void;
}

const NOT_FOUND: Answer = { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };

export function fakePulls(): FakePulls {
  const store = new Map<string, FakePull[]>();
  const collaborators = new Map<string, { users: readonly string[]; teams: readonly string[] }>();
  const unprocessable = (message: string): Answer => ({ status: 422, json: { message, documentation_url: 'https://docs.github.com/rest' } });

  return {
    pulls: (full) => store.get(full) ?? [],
    setCollaborators: (full, users, teams = []) => void collaborators.set(full, { users, teams }),
    answer(dir, full, root, operationId, params, query, body) {
      const pulls = store.get(full) ?? [];
      store.set(full, pulls);
      const owner = full.split('/')[0]!;
      const byNumber = (value: string | undefined) => pulls.find((p) => p.number === Number(value));
      switch (operationId) {
        case 'pulls/list': {
          const state = query.get('state') ?? 'open';
          const head = query.get('head');
          const base = query.get('base');
          const found = pulls.filter((p) => (state === 'all' || p.state === state) && (!head || `${owner}:${p.head}` === head) && (!base || p.base === base));
          return { status: 200, json: found.map((p) => pullJson(full, root, p)) };
        }
        case 'pulls/create': {
          const head = String(body!.head);
          const base = String(body!.base);
          if (!hasBranch(dir, head) || !hasBranch(dir, base)) return unprocessable('Validation Failed: head or base is not a branch of this repository');
          if (pulls.some((p) => p.state === 'open' && p.head === head && p.base === base)) return unprocessable(`Validation Failed: A pull request already exists for ${owner}:${head}.`);
          const pull: FakePull = { number: pulls.length + 1, title: String(body!.title), body: String(body!.body ?? ''), state: 'open', merged: false, head, base, labels: [], reviewers: [], teamReviewers: [] };
          pulls.push(pull);
          return { status: 201, json: pullJson(full, root, pull) };
        }
        case 'pulls/update': {
          const pull = byNumber(params.pull_number);
          if (!pull) return NOT_FOUND;
          if (typeof body!.title === 'string') pull.title = body!.title;
          if (typeof body!.body === 'string') pull.body = body!.body;
          if (body!.state === 'closed' || body!.state === 'open') pull.state = body!.state;
          return { status: 200, json: pullJson(full, root, pull) };
        }
        case 'issues/add-labels': {
          const pull = byNumber(params.issue_number);
          if (!pull) return NOT_FOUND;
          const names = ((body as { labels?: unknown[] }).labels ?? []).map((l) => (typeof l === 'string' ? l : String((l as { name: string }).name)));
          for (const name of names) if (!pull.labels.includes(name)) pull.labels.push(name);
          return { status: 200, json: pull.labels.map((name, i) => labelJson(full, root, name, i)) };
        }
        case 'pulls/request-reviewers': {
          const pull = byNumber(params.pull_number);
          if (!pull) return NOT_FOUND;
          const allowed = collaborators.get(full) ?? { users: [], teams: [] };
          const users = (body!.reviewers as string[] | undefined) ?? [];
          const teams = (body!.team_reviewers as string[] | undefined) ?? [];
          if (users.some((u) => !allowed.users.includes(u)) || teams.some((t) => !allowed.teams.includes(t))) {
            return unprocessable(`Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${full} repository.`);
          }
          pull.reviewers.push(...users.filter((u) => !pull.reviewers.includes(u)));
          pull.teamReviewers.push(...teams.filter((t) => !pull.teamReviewers.includes(t)));
          return { status: 201, json: pullJson(full, root, pull) };
        }
        default:
          return undefined;
      }
    },
  };
}

function hasBranch(dir: string, branch: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], { cwd: dir, stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

function pullJson(full: string, root: string, p: FakePull) {
  const url = `${root}/repos/${full}/pulls/${p.number}`;
  return {
    url, id: 9000 + p.number, node_id: `PR_${p.number}`, html_url: `https://github.com/${full}/pull/${p.number}`, number: p.number, state: p.state,
    locked: false, title: p.title, body: p.body, user: null, labels: p.labels.map((name, i) => labelJson(full, root, name, i)),
    merged_at: p.merged ? new Date(0).toISOString() : null, head: { ref: p.head, label: `${full.split('/')[0]}:${p.head}` }, base: { ref: p.base },
    requested_reviewers: p.reviewers.map((login) => ({ login })), requested_teams: p.teamReviewers.map((slug) => ({ slug })),
    created_at: new Date(0).toISOString(), updated_at: new Date(0).toISOString(), closed_at: p.state === 'closed' ? new Date(0).toISOString() : null, draft: false,
  };
}

function labelJson(full: string, root: string, name: string, i: number) {
  return { id: 100 + i, node_id: `L_${i}`, url: `${root}/repos/${full}/labels/${encodeURIComponent(name)}`, name, description: null, color: 'ededed', default: false };
}
