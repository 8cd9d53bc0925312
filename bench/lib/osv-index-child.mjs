// Indexes an offline OSV set (directory or all.zip) in a fresh process and prints one JSON line:
// time to index, heap and RSS before and after (after a forced GC), and the index's stats.
// A fresh process per measurement keeps the directory and zip figures apart.
//
//   node bench/lib/osv-index-child.mjs PATH
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = globalThis.gc ?? runInNewContext('gc');

const { loadOsvOffline } = await import(new URL('../../dist/adapters/osv/index.js', import.meta.url).href);
const path = process.argv[2];

gc();
const before = process.memoryUsage();
const t0 = performance.now();
const source = await loadOsvOffline(path);
const ms = performance.now() - t0;
gc();
const after = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    ms,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
    rssBefore: before.rss,
    rssAfter: after.rss,
    peakRss: process.resourceUsage().maxRSS * 1024,
    stats: source.stats,
  })}\n`,
);
