import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The Git data API (refs, commits, blobs, trees) and the commits list of the
 * fake GitHub, served by REAL git in the repository's directory: a blob, tree,
 * commit or ref the client creates is written into that repository, so a test
 * can check out the branch an adapter wrote and run a package manager on it.
 * Answers GitHub's way: 404 for an unknown object or ref, 422 for a ref that
 * already exists or a non-fast-forward update without `force`.
 */
export type Answer = { readonly status: number; readonly json: unknown };

const NOT_FOUND: Answer = { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
const BOT = { name: 'chaingate[bot]', email: '41898282+chaingate[bot]@users.noreply.github.com' };

export function answerGitData(
  dir: string,
  full: string,
  root: string,
  operationId: string,
  params: Readonly<Record<string, string>>,
  query: URLSearchParams,
  body: Record<string, unknown> | undefined,
): Answer | undefined {
  const unprocessable = (message: string): Answer => ({ status: 422, json: { message, documentation_url: 'https://docs.github.com/rest' } });
  switch (operationId) {
    case 'git/get-ref': {
      const sha = gitOr(dir, ['rev-parse', '--verify', '--quiet', `refs/${params.ref}^{commit}`]);
      return sha ? { status: 200, json: refJson(full, root, `refs/${params.ref!}`, sha) } : NOT_FOUND;
    }
    case 'git/get-commit': {
      const sha = gitOr(dir, ['rev-parse', '--verify', '--quiet', `${params.commit_sha}^{commit}`]);
      return sha ? { status: 200, json: commitJson(dir, full, root, sha) } : NOT_FOUND;
    }
    case 'git/create-blob': {
      const content = Buffer.from(String(body!.content), body!.encoding === 'base64' ? 'base64' : 'utf8');
      const sha = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: content, encoding: 'utf8' }).trim();
      return { status: 201, json: { sha, url: `${root}/repos/${full}/git/blobs/${sha}` } };
    }
    case 'git/create-tree': {
      const index = mkdtempSync(join(tmpdir(), 'fake-github-index-'));
      const env = { ...process.env, GIT_INDEX_FILE: join(index, 'index') };
      try {
        if (body!.base_tree !== undefined) {
          if (!gitOr(dir, ['rev-parse', '--verify', '--quiet', `${String(body!.base_tree)}^{tree}`])) return unprocessable('Invalid tree info: base_tree not found');
          execFileSync('git', ['read-tree', String(body!.base_tree)], { cwd: dir, env });
        }
        for (const entry of body!.tree as { path: string; mode: string; type: string; sha?: string | null; content?: string }[]) {
          if (entry.sha === null) {
            execFileSync('git', ['update-index', '--force-remove', '--', entry.path], { cwd: dir, env });
            continue;
          }
          const sha = entry.sha ?? execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: entry.content ?? '', encoding: 'utf8' }).trim();
          if (gitOr(dir, ['cat-file', '-t', sha]) !== entry.type) return unprocessable(`Invalid tree info: ${entry.path} is not a ${entry.type}`);
          execFileSync('git', ['update-index', '--add', '--cacheinfo', `${entry.mode},${sha},${entry.path}`], { cwd: dir, env });
        }
        const sha = execFileSync('git', ['write-tree'], { cwd: dir, env, encoding: 'utf8' }).trim();
        return { status: 201, json: { sha, url: `${root}/repos/${full}/git/trees/${sha}`, truncated: false, tree: [] } };
      } finally {
        rmSync(index, { recursive: true, force: true });
      }
    }
    case 'git/create-commit': {
      const tree = String(body!.tree);
      if (gitOr(dir, ['cat-file', '-t', tree]) !== 'tree') return unprocessable('Tree SHA does not exist');
      const parents = (body!.parents as string[] | undefined) ?? [];
      if (parents.some((p) => gitOr(dir, ['cat-file', '-t', p]) !== 'commit')) return unprocessable('Parent SHA does not exist or is not a commit object');
      const date = new Date().toISOString();
      const env = { ...process.env, GIT_AUTHOR_NAME: BOT.name, GIT_AUTHOR_EMAIL: BOT.email, GIT_COMMITTER_NAME: BOT.name, GIT_COMMITTER_EMAIL: BOT.email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
      const sha = execFileSync('git', ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-F', '-'], { cwd: dir, env, input: String(body!.message), encoding: 'utf8' }).trim();
      return { status: 201, json: commitJson(dir, full, root, sha) };
    }
    case 'git/create-ref': {
      const ref = String(body!.ref);
      const sha = String(body!.sha);
      if (!/^refs\/heads\/./u.test(ref) || !checkRef(dir, ref)) return unprocessable(`${ref} is not a valid ref name.`);
      if (gitOr(dir, ['rev-parse', '--verify', '--quiet', ref])) return unprocessable('Reference already exists');
      if (gitOr(dir, ['cat-file', '-t', sha]) !== 'commit') return unprocessable('Object does not exist');
      execFileSync('git', ['update-ref', ref, sha, ''], { cwd: dir });
      return { status: 201, json: refJson(full, root, ref, sha) };
    }
    case 'git/update-ref': {
      const ref = `refs/${params.ref!}`;
      const sha = String(body!.sha);
      const current = gitOr(dir, ['rev-parse', '--verify', '--quiet', ref]);
      if (!current) return unprocessable('Reference does not exist');
      if (gitOr(dir, ['cat-file', '-t', sha]) !== 'commit') return unprocessable('Object does not exist');
      if (body!.force !== true && !isAncestor(dir, current, sha)) return unprocessable('Update is not a fast forward');
      execFileSync('git', ['update-ref', ref, sha, current], { cwd: dir });
      return { status: 200, json: refJson(full, root, ref, sha) };
    }
    case 'repos/list-commits': {
      const start = query.get('sha') ?? 'HEAD';
      if (!gitOr(dir, ['rev-parse', '--verify', '--quiet', `${start}^{commit}`])) return NOT_FOUND;
      const perPage = Number(query.get('per_page') ?? 30);
      const path = query.get('path');
      const shas = git(dir, ['log', '--format=%H', `-n${perPage}`, start, ...(path ? ['--', path] : [])]).split('\n').filter(Boolean);
      return {
        status: 200,
        json: shas.map((sha) => {
          const c = commitJson(dir, full, root, sha);
          return {
            sha, node_id: c.node_id, url: `${root}/repos/${full}/commits/${sha}`, html_url: c.html_url, comments_url: `${root}/repos/${full}/commits/${sha}/comments`,
            commit: { url: c.url, author: c.author, committer: c.committer, message: c.message, comment_count: 0, tree: c.tree },
            author: null, committer: null, parents: c.parents,
          };
        }),
      };
    }
    default:
      return undefined;
  }
}

function refJson(full: string, root: string, ref: string, sha: string) {
  return { ref, node_id: `REF_${sha.slice(0, 12)}`, url: `${root}/repos/${full}/git/${ref}`, object: { type: 'commit', sha, url: `${root}/repos/${full}/git/commits/${sha}` } };
}

function commitJson(dir: string, full: string, root: string, sha: string) {
  const raw = git(dir, ['cat-file', 'commit', sha]);
  const [header, ...message] = raw.split('\n\n');
  const lines = header!.split('\n');
  const tree = lines.find((l) => l.startsWith('tree '))!.slice(5);
  const parents = lines.filter((l) => l.startsWith('parent ')).map((l) => l.slice(7));
  const person = (prefix: string) => {
    const match = /^(?:author|committer) (.*) <(.*)> (\d+) [+-]\d{4}$/u.exec(lines.find((l) => l.startsWith(prefix))!)!;
    return { name: match[1]!, email: match[2]!, date: new Date(Number(match[3]) * 1000).toISOString() };
  };
  return {
    sha, node_id: `C_${sha.slice(0, 12)}`, url: `${root}/repos/${full}/git/commits/${sha}`, html_url: `https://github.com/${full}/commit/${sha}`,
    author: person('author '), committer: person('committer '), message: message.join('\n\n').replace(/\n$/u, ''),
    tree: { sha: tree, url: `${root}/repos/${full}/git/trees/${tree}` },
    parents: parents.map((p) => ({ sha: p, url: `${root}/repos/${full}/git/commits/${p}`, html_url: `https://github.com/${full}/commit/${p}` })),
    verification: { verified: true, reason: 'valid', signature: null, payload: null, verified_at: null },
  };
}

function checkRef(dir: string, ref: string): boolean {
  try {
    execFileSync('git', ['check-ref-format', ref], { cwd: dir });
    return true;
  } catch {
    return false;
  }
}

function isAncestor(dir: string, ancestor: string, descendant: string): boolean {
  try {
    execFileSync('git', ['merge-base', '--is-ancestor', ancestor, descendant], { cwd: dir });
    return true;
  } catch {
    return false;
  }
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
