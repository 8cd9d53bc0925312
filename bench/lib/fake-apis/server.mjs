// Fakes of the live services a check consults, over the synthetic OSV export and the corpus, in a
// child process so their work does not share the measured check's event loop:
//   /v1/…                OSV API                  (osv.mjs)
//   /github/advisories   GitHub Advisory Database (github.mjs)
//   /npm/…               npm registry: packuments and bulk advisories (npm.mjs)
// Every request is counted by route.
//
// Started with child_process.fork(this file, [recordsDir, corpusDir]); sends { ready, port, records }
// on IPC; answers { stats: true } with { stats }, { reset: true } zeroes the counts.
import { createServer } from 'node:http';
import { githubRoutes } from './github.mjs';
import { npmRoutes } from './npm.mjs';
import { osvRoutes } from './osv.mjs';
import { loadRecords } from './records.mjs';

const [recordsDir, corpusDir] = process.argv.slice(2);
const { byName, ids } = loadRecords(recordsDir);
const stats = { osvQuerybatch: 0, osvQueries: 0, osvVulns: 0, githubAdvisories: 0, npmBulk: 0, npmPackuments: 0, other: 0 };

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
  return true;
}

let routes = [];
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body;
    if (chunks.length > 0) {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(res, 400, { message: 'Invalid JSON' });
      }
    }
    for (const route of routes) if (await route(req, url, body, res)) return;
    stats.other++;
    send(res, 404, { message: 'Not Found' });
  });
});

server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const context = { byName, ids, recordsDir, corpusDir, stats, send, origin: `http://127.0.0.1:${port}` };
  routes = [osvRoutes(context), githubRoutes(context), npmRoutes(context)];
  process.send?.({ ready: true, port, records: ids.size });
});
process.on('message', (message) => {
  if (message?.reset) for (const key of Object.keys(stats)) stats[key] = 0;
  if (message?.stats) process.send?.({ stats: { ...stats } });
});
process.on('disconnect', () => process.exit(0));
