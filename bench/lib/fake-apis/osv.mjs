// OSV API (https://google.github.io/osv.dev/api/), in its shape:
//   POST /v1/querybatch  {"queries":[{"package":{"ecosystem","name"},"version"}…]} (≤ 1000)
//                        → {"results":[{"vulns":[{"id","modified"}…]} | {} …]}, one per query, in order
//   GET  /v1/vulns/{id}  → the record; 404 {"code":5,"message":"Bug not found."}
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { affects } from './records.mjs';

const MAX_BATCH = 1000;

export function osvRoutes({ byName, ids, recordsDir, stats, send }) {
  return async (req, url, body, res) => {
    if (req.method === 'POST' && url.pathname === '/v1/querybatch') {
      stats.osvQuerybatch++;
      const queries = Array.isArray(body?.queries) ? body.queries : [];
      if (queries.length > MAX_BATCH) return send(res, 400, { code: 3, message: 'Too many queries.' });
      stats.osvQueries += queries.length;
      const results = queries.map((q) => {
        const found = new Map();
        if (q?.package?.ecosystem === 'npm') for (const e of byName.get(q.package.name) ?? []) if (affects(e, q.version)) found.set(e.id, e.modified);
        return found.size > 0 ? { vulns: [...found].map(([id, modified]) => ({ id, modified })) } : {};
      });
      return send(res, 200, { results });
    }
    const match = req.method === 'GET' && /^\/v1\/vulns\/([^/]+)$/.exec(url.pathname);
    if (!match) return false;
    stats.osvVulns++;
    const id = decodeURIComponent(match[1]);
    if (!ids.has(id)) return send(res, 404, { code: 5, message: 'Bug not found.' });
    const text = await readFile(join(recordsDir, `${id}.json`));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': text.length });
    res.end(text);
    return true;
  };
}
