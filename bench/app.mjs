#!/usr/bin/env node
// The GitHub App against the local fake GitHub (test/helpers/fake-github-api.ts): webhook received →
// check run completed for a one-lockfile, 2,000-package pull request, the API requests it makes, the
// App's own share of the time, and how fast it acknowledges a burst of deliveries.
//
//   node bench/app.mjs [--runs 5] [--burst 200] [--store embedded|postgres|memory]
//
// The harness is TypeScript: it is bundled with esbuild into a temporary module, each file's
// import.meta.url kept as its own (the harness finds fixtures and the OpenAPI subset by it).
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { median } from './lib/stats.mjs';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, burst: { type: 'string', default: '200' }, store: { type: 'string', default: process.env.DATABASE_URL ? 'postgres' : 'embedded' } },
});
const out = fileURLToPath(new URL(`./.app-bench-${process.pid}.mjs`, import.meta.url));
const ownUrls = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (file) => ({ contents: readFileSync(file.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file.path).href)), loader: 'ts' }));
  },
};
try {
  await build({ entryPoints: [new URL('./lib/app-entry.ts', import.meta.url).pathname], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: out, logLevel: 'error', plugins: [ownUrls] });
  const { runAppBench } = await import(out);
  const r = await runAppBench({ runs: Number(args.runs), burst: Number(args.burst), store: args.store });
  const own = r.latencyMs.map((ms, i) => ms - r.githubMs[i]);
  const sorted = [...r.ackMs].sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  const row = (label, value) => console.log(`| ${label} | ${value} |`);
  console.log(`App bench: store ${args.store}, ${r.latencyMs.length} runs (median), burst of ${args.burst}\n`);
  console.log('| measure | value |\n|---|---|');
  row('webhook received → check completed', `${median(r.latencyMs).toFixed(0)} ms (runs: ${r.latencyMs.map((x) => x.toFixed(0)).join(', ')})`);
  row('API requests per PR event', `${median(r.requests)} (runs: ${r.requests.join(', ')})`);
  row('time waiting on the fake GitHub', `${median(r.githubMs).toFixed(0)} ms`);
  row('own processing (latency − GitHub)', `${median(own).toFixed(0)} ms`);
  row(`acknowledgement, burst of ${args.burst}: p50 / p95 / max`, `${pct(50).toFixed(0)} / ${pct(95).toFixed(0)} / ${sorted.at(-1).toFixed(0)} ms (target: every one < 1000 ms)`);
  row('burst wall time', `${r.burstWallMs.toFixed(0)} ms`);
} finally {
  rmSync(out, { force: true });
}
