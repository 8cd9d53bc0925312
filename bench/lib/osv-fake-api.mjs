// A fake of the live OSV API (api.osv.dev) over the synthetic export, run as a child process so
// its work does not share the measured check's event loop. Answers, in OSV's API shape:
//   POST /v1/querybatch  {"queries":[{"package":{"ecosystem","name"},"version"}…]} (≤ 1000)
//                        → {"results":[{"vulns":[{"id","modified"}…]} | {} …]}, one per query, in order
//   GET  /v1/vulns/{id}  → the record; 404 {"code":5,"message":"Bug not found."} otherwise
// Matching is its own (OSV's evaluation with `semver` ordering), independent of chaingate's index,
// so the bench can compare online and offline answers. Counts every request by route.
//
// Started with child_process.fork(this file, [recordsDir]); sends { ready: true, port, records }
// on IPC, answers { stats: true } with { stats: { querybatch, queries, vulns, other } }.
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import semver from 'semver';

const MAX_BATCH = 1000;

/** name → [{ id, modified, versions: Set, ranges: [[event…]…] }] */
function loadRecords(dir) {
  const byName = new Map();
  const ids = new Set();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.json')) continue;
    const record = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    ids.add(record.id);
    if (record.withdrawn) continue;
    for (const affected of record.affected ?? []) {
      if (affected.package?.ecosystem !== 'npm') continue;
      const ranges = (affected.ranges ?? []).filter((r) => r.type === 'SEMVER' || r.type === 'ECOSYSTEM').map((r) => r.events);
      const entry = { id: record.id, modified: record.modified, versions: new Set(affected.versions ?? []), ranges };
      const list = byName.get(affected.package.name);
      if (list) list.push(entry);
      else byName.set(affected.package.name, [entry]);
    }
  }
  return { byName, ids };
}

// OSV's evaluation: events sorted by version ("0" lowest); introduced opens, fixed closes at,
// last_affected closes after.
const at = (event) => event.introduced ?? event.fixed ?? event.last_affected ?? event.limit;
function inRange(events, version) {
  const usable = events.filter((e) => at(e) === '0' || semver.valid(at(e)));
  usable.sort((a, b) => (at(a) === '0' ? -1 : at(b) === '0' ? 1 : semver.compare(at(a), at(b))));
  let affected = false;
  for (const e of usable) {
    if (e.introduced !== undefined && (e.introduced === '0' || semver.gte(version, e.introduced))) affected = true;
    else if (e.fixed !== undefined && semver.gte(version, e.fixed)) affected = false;
    else if (e.last_affected !== undefined && semver.gt(version, e.last_affected)) affected = false;
  }
  return affected;
}

function vulnsFor(byName, name, version) {
  const out = new Map();
  const valid = semver.valid(version);
  for (const entry of byName.get(name) ?? []) {
    if (entry.versions.has(version) || (valid && entry.ranges.some((events) => inRange(events, valid)))) out.set(entry.id, entry.modified);
  }
  return [...out].map(([id, modified]) => ({ id, modified }));
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const dir = process.argv[2];
const { byName, ids } = loadRecords(dir);
const stats = { querybatch: 0, queries: 0, vulns: 0, other: 0 };

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/v1/querybatch') {
      stats.querybatch++;
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(res, 400, { code: 3, message: 'Invalid JSON' });
      }
      const queries = Array.isArray(body?.queries) ? body.queries : [];
      if (queries.length > MAX_BATCH) return send(res, 400, { code: 3, message: `Too many queries.` });
      stats.queries += queries.length;
      const results = queries.map((q) => {
        const vulns = q?.package?.ecosystem === 'npm' ? vulnsFor(byName, q.package.name, q.version) : [];
        return vulns.length > 0 ? { vulns } : {};
      });
      return send(res, 200, { results });
    }
    const match = req.method === 'GET' && /^\/v1\/vulns\/([^/]+)$/.exec(url.pathname);
    if (match) {
      stats.vulns++;
      const id = decodeURIComponent(match[1]);
      if (!ids.has(id)) return send(res, 404, { code: 5, message: 'Bug not found.' });
      const text = await readFile(join(dir, `${id}.json`));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': text.length });
      return res.end(text);
    }
    stats.other++;
    send(res, 404, { code: 5, message: 'Not found.' });
  });
});

server.listen(0, '127.0.0.1', () => {
  process.send?.({ ready: true, port: server.address().port, records: ids.size });
});
process.on('message', (message) => {
  if (message?.stats) process.send?.({ stats: { ...stats } });
  if (message?.reset) for (const key of Object.keys(stats)) stats[key] = 0;
  if (message?.close) server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
