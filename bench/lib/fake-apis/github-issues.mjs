// GitHub's issues API as the incident fan-out uses it, in memory, in its shapes (only the fields
// chaingate reads), with GitHub's secondary limits enforced on a simulated clock: a content-creating
// request (any non-GET) over 80 in the last minute or 500 in the last hour is refused with
// 403 "You have exceeded a secondary rate limit" and `retry-after: 60`, and counted as a violation.
//   GET   /repos/{o}/{r}/issues?labels=&state=all&per_page=&page=    issues/list-for-repo
//   POST  /repos/{o}/{r}/issues                                      issues/create
//   PATCH /repos/{o}/{r}/issues/{n}                                  issues/update
//   GET   /repos/{o}/{r}/issues/{n}/comments                         issues/list-comments
//   POST  /repos/{o}/{r}/issues/{n}/comments                         issues/create-comment
// The request shapes are checked against GitHub's OpenAPI description by the e2e test
// (test/adapters/github/reconcile-incident-issues.e2e.test.ts); this fake only serves them.
import { createServer } from 'node:http';

const BOT = { login: 'chaingate[bot]', type: 'Bot' };

export async function startLimitedIssuesServer({ now, perMinute = 80, perHour = 500 }) {
  const repos = new Map();
  const writes = [];
  const log = [];
  const violations = [];
  const stats = { get: 0, write: 0 };
  const issuesOf = (full) => repos.get(full) ?? (repos.set(full, []), repos.get(full));

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://fake');
      const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      const send = (status, json, headers = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(json === undefined ? '' : JSON.stringify(json));
      };
      if (req.method === 'GET') stats.get++;
      else {
        const t = now();
        const inLast = (ms) => writes.filter((w) => w > t - ms).length;
        if (inLast(60_000) >= perMinute || inLast(3_600_000) >= perHour) {
          violations.push({ at: t, method: req.method, path: url.pathname });
          return send(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '60' });
        }
        writes.push(t);
        log.push({ t, method: req.method, path: url.pathname });
        stats.write++;
      }
      const m = /^\/repos\/([^/]+)\/([^/]+)\/issues(?:\/(\d+)(\/comments)?)?$/.exec(url.pathname);
      if (!m) return send(404, { message: 'Not Found' });
      const full = `${m[1]}/${m[2]}`;
      const list = issuesOf(full);
      const json = (i) => ({ number: i.number, title: i.title, body: i.body, state: i.state, user: BOT, labels: i.labels.map((name) => ({ name })) });
      if (!m[3] && req.method === 'GET') {
        const labels = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean);
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const all = list.filter((i) => labels.every((l) => i.labels.includes(l)));
        const slice = all.slice((page - 1) * perPage, page * perPage);
        return send(200, slice.map(json), page * perPage < all.length ? { link: `<${url.href}>; rel="next"` } : {});
      }
      if (!m[3] && req.method === 'POST') {
        const issue = { number: list.length + 1, title: body.title, body: body.body, state: 'open', labels: body.labels ?? [], comments: [] };
        list.push(issue);
        return send(201, json(issue));
      }
      const issue = list.find((i) => i.number === Number(m[3]));
      if (!issue) return send(404, { message: 'Not Found' });
      if (!m[4] && req.method === 'PATCH') {
        Object.assign(issue, Object.fromEntries(['title', 'body', 'state'].filter((k) => body[k] !== undefined).map((k) => [k, body[k]])));
        return send(200, json(issue));
      }
      if (m[4] && req.method === 'GET') return send(200, issue.comments.map((c) => ({ id: c.id, body: c.body, user: BOT })));
      if (m[4] && req.method === 'POST') {
        const comment = { id: issue.comments.length + 1, body: body.body };
        issue.comments.push(comment);
        return send(201, { id: comment.id, body: comment.body, user: BOT });
      }
      return send(404, { message: 'Not Found' });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    writes,
    /** Every accepted write: { t, method, path }. */
    log,
    violations,
    stats,
    issues: (full) => issuesOf(full),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
