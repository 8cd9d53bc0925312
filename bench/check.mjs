// `chaingate check` against an offline OSV set the size of OSV's npm export, and against a fake
// of the live OSV API, on the bench corpus (see bench/README.md, "check").
//
//   npm run build && node bench/check.mjs [--runs 7] [--warmup 2] [--corpus DIR] [--osv DIR] [--no-online]
import { execFileSync, fork } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCheckEngine } from './lib/check-engine.mjs';
import { machine } from './lib/machine.mjs';
import { DEFAULT_OSV_DIR, synthesiseOsv } from './lib/osv-synth.mjs';
import { median } from './lib/stats.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TARGET_MS = 1000;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '2' },
    corpus: { type: 'string', default: join(ROOT, 'bench/.corpus') },
    osv: { type: 'string', default: DEFAULT_OSV_DIR },
    'no-online': { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(values.runs));
const warmup = Math.max(0, Number(values.warmup));
const log = (s) => process.stderr.write(`${s}\n`);
const atStart = machine();

const engine = await loadCheckEngine();
const lockfile = (side) => join(values.corpus, side, 'npm/package-lock.json');
if (!existsSync(lockfile('base')) || !existsSync(lockfile('head'))) {
  log(`no corpus in ${values.corpus}: run bash bench/corpus/build.sh first`);
  process.exit(2);
}
if (!existsSync(join(values.osv, 'manifest.json'))) {
  log(`synthesising the OSV set into ${values.osv} (once; node bench/lib/osv-synth.mjs --force redoes it)…`);
  synthesiseOsv({ corpusDir: values.corpus, outDir: values.osv, log: (s) => process.stderr.write(s) });
}
const manifest = JSON.parse(readFileSync(join(values.osv, 'manifest.json'), 'utf8'));
const recordsDir = join(values.osv, 'npm');
const zipPath = join(values.osv, 'all.zip');

// 1. Indexing, each form in a fresh process.
const indexing = {};
for (const [form, path] of [['directory', recordsDir], ['all.zip', zipPath]]) {
  log(`indexing the ${form} in a child process…`);
  const out = execFileSync(process.execPath, [join(ROOT, 'bench/lib/osv-index-child.mjs'), path], { encoding: 'utf8', maxBuffer: 1 << 20 });
  indexing[form] = JSON.parse(out.trim().split('\n').pop());
}

// 2. The check's inputs, through the one check seam the CLI, the Action and the App call
//    (checkTrees): built-in default policy (the corpus has no .github/chaingate.yml), no
//    package-manager age gates, shipped popular names.
const popular = engine.parsePopularNames('data/popular-npm.json', readFileSync(join(ROOT, 'data/popular-npm.json'), 'utf8'));
log('indexing all.zip for the checks…');
const offline = await engine.loadOsvOffline(zipPath);

/** One check as the CLI runs it: checkTrees over both sides on disk, then the JSON verdict. */
async function checkOnce(scenario, sources) {
  const t0 = performance.now();
  let t1 = t0;
  const result = await engine.checkTrees({
    base: scenario.fullScan ? undefined : { files: engine.diskRepo(join(values.corpus, 'base', 'npm')), only: 'package-lock.json' },
    head: { files: engine.diskRepo(join(values.corpus, 'head', 'npm')), only: 'package-lock.json' },
    policy: {},
    lockfiles: engine.ecosystemReader,
    // Called once both sides are read: the split between reading and judging.
    facts: async () => {
      t1 = performance.now();
      return { sources };
    },
    popularPackages: popular,
    limits: engine.DEFAULT_LIMITS,
    now: new Date(),
  });
  const t2 = performance.now();
  const json = engine.renderVerdictJson(result.verdict, { toolVersion: 'bench', base: scenario.base, head: 'head', changes: result.diff.summary });
  const t3 = performance.now();
  return { parse: t1 - t0, check: t2 - t1, render: t3 - t2, total: t3 - t0, result, jsonBytes: json.length };
}

async function timeChecks(scenario, sources) {
  for (let i = 0; i < warmup; i++) await checkOnce(scenario, sources);
  const samples = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = await checkOnce(scenario, sources);
    samples.push(last);
  }
  const med = (k) => median(samples.map((s) => s[k]));
  return { parse: med('parse'), check: med('check'), render: med('render'), total: med('total'), totals: samples.map((s) => s.total), result: last.result };
}

const refsOf = (result) =>
  result.diff.changes.filter((c) => c.type !== 'removed' && c.headNode).map((c) => ({ ecosystem: c.headNode.ecosystem, name: c.headNode.name, version: c.headNode.version }));

function summarise(scenario, result) {
  const bySignal = {};
  for (const d of result.verdict.decisions) {
    const row = (bySignal[d.finding.signal] ??= { block: 0, warn: 0, allow: 0 });
    row[d.outcome]++;
  }
  const expected = manifest.planted.filter((p) => scenario.fullScan || p.inDiff);
  const found = expected.filter((p) => (result.facts.advisories.get(engine.packageKey({ ecosystem: 'npm', name: p.name, version: p.version })) ?? []).some((a) => a.id === p.id));
  const withAdvisories = result.facts.advisories.size;
  const advisoryCount = [...result.facts.advisories.values()].reduce((n, list) => n + list.length, 0);
  return { conclusion: result.verdict.conclusion, counts: result.verdict.counts, bySignal, planted: `${found.length}/${expected.length}`, withAdvisories, advisoryCount };
}

const scenarios = [
  { id: 'diff', label: 'upgrade diff base → head (npm)', base: 'base', fullScan: false },
  { id: 'full', label: 'full scan: empty → head (npm)', base: 'empty', fullScan: true },
];

// 3. Offline checks.
const offlineResults = {};
for (const scenario of scenarios) {
  log(`offline check, ${scenario.label}: ${warmup} warm-up + ${runs} runs…`);
  const timed = await timeChecks(scenario, { advisories: [offline] });
  const refs = refsOf(timed.result);
  const lookups = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await offline.advisoriesFor(refs);
    lookups.push(performance.now() - t0);
  }
  offlineResults[scenario.id] = { ...timed, lookup: median(lookups), packages: refs.length, changes: timed.result.diff.changes.length, summary: summarise(scenario, timed.result) };
}

// 4. Online: the same checks against fakes of the live services in a child process, one shared
//    HTTP client per check (as the CLI builds one), no cache; then one rerun with a warm cache.
const onlineResults = [];
if (!values['no-online']) {
  log('starting the fake APIs (they load the records)…');
  const server = await startFakeApis(recordsDir, values.corpus);
  const origin = `http://127.0.0.1:${server.port}`;
  const configs = [{ id: 'osv', label: 'OSV API', build: (http) => ({ advisories: [new engine.OsvApiSource({ http, baseUrl: origin })] }) }];
  if (engine.GithubAdvisorySource && engine.NpmBulkAdvisorySource && engine.NpmRegistrySource) {
    configs.push({
      id: 'all',
      label: 'OSV + GitHub advisories + npm bulk advisories + npm packuments',
      build: (http) => ({
        advisories: [
          new engine.OsvApiSource({ http, baseUrl: origin }),
          new engine.GithubAdvisorySource({ http, baseUrl: `${origin}/github` }),
          new engine.NpmBulkAdvisorySource({ http, registry: `${origin}/npm/` }),
        ],
        registry: new engine.NpmRegistrySource({ http, registry: `${origin}/npm/` }),
      }),
    });
  }
  try {
    for (const config of configs) {
      for (const scenario of scenarios) {
        log(`online check (${config.label}), ${scenario.label}: ${runs} cold runs + 1 cached rerun…`);
        const cold = [];
        for (let i = 0; i < runs; i++) {
          const http = engine.createHttpClient({ userAgent: 'chaingate-bench' });
          await server.reset();
          const run = await checkOnce(scenario, config.build(http));
          cold.push({ ...run, server: await server.stats(), client: http.stats() });
        }
        const http = engine.createHttpClient({ userAgent: 'chaingate-bench', cache: new engine.MemoryCache() });
        const sources = config.build(http);
        await checkOnce(scenario, sources);
        await server.reset();
        const before = http.stats();
        await checkOnce(scenario, sources);
        const after = http.stats();
        const first = cold[0];
        onlineResults.push({
          config,
          scenario,
          total: median(cold.map((c) => c.total)),
          check: median(cold.map((c) => c.check)),
          server: first.server,
          client: first.client,
          cachedRerun: { server: await server.stats(), requests: after.requests - before.requests, cacheHits: after.cacheHits - before.cacheHits },
          agreement: config.id === 'osv' ? compareAdvisories(offlineResults[scenario.id].result, first.result) : undefined,
          unavailable: first.result.verdict.unavailable,
          summary: summarise(scenario, first.result),
        });
      }
    }
  } finally {
    server.close();
  }
}

/** Offline and online answers per package: the same advisory ids? */
function compareAdvisories(a, b) {
  const ids = (m) => new Map([...m].map(([k, list]) => [k, list.map((x) => x.id).sort().join(',')]));
  const x = ids(a.facts.advisories);
  const y = ids(b.facts.advisories);
  let differ = 0;
  for (const key of new Set([...x.keys(), ...y.keys()])) if (x.get(key) !== y.get(key)) differ++;
  return { packagesWithAdvisories: x.size, differ };
}

function startFakeApis(dir, corpusDir) {
  return new Promise((resolve, reject) => {
    const child = fork(join(ROOT, 'bench/lib/fake-apis/server.mjs'), [dir, corpusDir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ask = (message) =>
      new Promise((done) => {
        const onMessage = (reply) => {
          if (reply.stats) {
            child.off('message', onMessage);
            done(reply.stats);
          }
        };
        child.on('message', onMessage);
        child.send(message);
      });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fake APIs exited (${code})`)));
    child.once('message', (ready) => {
      if (!ready.ready) return reject(new Error('fake APIs did not start'));
      resolve({
        port: ready.port,
        stats: () => ask({ stats: true }),
        reset: async () => {
          child.send({ reset: true });
          await ask({ stats: true });
        },
        close: () => child.kill(),
      });
    });
  });
}

// 5. Report.
const fmt = (ms) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(0);
const atEnd = machine();
const out = [];
out.push(`Machine: ${atStart.nproc} CPUs (${atStart.cpu}), ${atStart.memGb} GB RAM, Node ${atStart.node}; load average ${atStart.load} at start, ${atEnd.load} at end.`);
out.push(`Advisory set: ${manifest.records.toLocaleString('en')} synthetic OSV records (${manifest.counts.ghsa.toLocaleString('en')} GHSA, ${manifest.counts.mal.toLocaleString('en')} MAL, ${manifest.counts.withdrawn} withdrawn; ${manifest.counts.ranges.toLocaleString('en')} ranges), ${mb(manifest.jsonBytes)} MB of JSON, all.zip ${mb(statSize(zipPath))} MB; seed ${manifest.seed}.`);
out.push('');
out.push('| indexing | time s | heap after GC MB | RSS after MB | peak RSS MB | records | bad | withdrawn |');
out.push('|---|---|---|---|---|---|---|---|');
for (const [form, r] of Object.entries(indexing)) {
  out.push(`| ${form} | ${(r.ms / 1000).toFixed(1)} | ${mb(r.heapAfter)} (before: ${mb(r.heapBefore)}) | ${mb(r.rssAfter)} | ${mb(r.peakRss)} | ${r.stats.records.toLocaleString('en')} | ${r.stats.badRecords} | ${r.stats.withdrawn} |`);
}
out.push('');
out.push(`| offline check (median of ${runs}, after ${warmup} warm-ups) | packages judged | parse ms | runCheck ms | render ms | total ms | advisory lookup alone ms | target < ${TARGET_MS} ms |`);
out.push('|---|---|---|---|---|---|---|---|');
for (const s of scenarios) {
  const r = offlineResults[s.id];
  out.push(`| ${s.label} | ${r.packages.toLocaleString('en')} | ${fmt(r.parse)} | ${fmt(r.check)} | ${fmt(r.render)} | **${fmt(r.total)}** | ${fmt(r.lookup)} | ${r.total < TARGET_MS ? 'pass' : 'FAIL'} |`);
}
out.push('');
out.push('| offline findings | conclusion | block / warn / allow | by signal (block/warn/allow) | packages with advisories (advisories) | planted records found |');
out.push('|---|---|---|---|---|---|');
for (const s of scenarios) {
  const f = offlineResults[s.id].summary;
  const signals = Object.entries(f.bySignal).sort().map(([k, v]) => `${k} ${v.block}/${v.warn}/${v.allow}`).join(', ');
  out.push(`| ${s.label} | ${f.conclusion} | ${f.counts.block} / ${f.counts.warn} / ${f.counts.allow} | ${signals} | ${f.withAdvisories} (${f.advisoryCount}) | ${f.planted} |`);
}
if (!values['no-online']) {
  out.push('');
  out.push(`| online check against the fakes (cold: median of ${runs}) | sources | packages | requests, counted by the fake server | client stats().requests | total ms | runCheck ms | rerun with a warm cache: requests | advisories as offline | conclusion, block / warn / allow | unavailable |`);
  out.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of onlineResults) {
    const agree = r.agreement === undefined ? '—' : r.agreement.differ === 0 ? `same (${r.agreement.packagesWithAdvisories} packages)` : `DIFFER for ${r.agreement.differ} packages`;
    const counts = r.summary.counts;
    out.push(
      `| ${r.scenario.label} | ${r.config.label} | ${offlineResults[r.scenario.id].packages.toLocaleString('en')} | ${describeRequests(r.server)} | ${r.client.requests} | ${fmt(r.total)} | ${fmt(r.check)} | ${describeRequests(r.cachedRerun.server)} (${r.cachedRerun.cacheHits} cache hits) | ${agree} | ${r.summary.conclusion}, ${counts.block} / ${counts.warn} / ${counts.allow} | ${r.unavailable.length === 0 ? 'none' : r.unavailable.map((u) => `${u.source} ${u.kind}`).join('; ')} |`,
    );
  }
}
if (onlineResults.some((r) => r.config.id !== 'osv')) {
  out.push('');
  for (const r of onlineResults.filter((x) => x.config.id !== 'osv')) {
    const signals = Object.entries(r.summary.bySignal).sort().map(([k, v]) => `${k} ${v.block}/${v.warn}/${v.allow}`).join(', ');
    out.push(`Findings with all sources, ${r.scenario.label} (block/warn/allow): ${signals}.`);
  }
}
if (engine.missingOptional.length > 0) {
  out.push('');
  out.push(`Not measured (not built in dist/): ${engine.missingOptional.join(', ')}.`);
}
process.stdout.write(`${out.join('\n')}\n`);

function describeRequests(s) {
  const parts = [];
  if (s.osvQuerybatch || s.osvVulns) parts.push(`OSV ${s.osvQuerybatch} querybatch (${s.osvQueries.toLocaleString('en')} queries) + ${s.osvVulns} GET /v1/vulns`);
  if (s.githubAdvisories) parts.push(`GitHub ${s.githubAdvisories} GET /advisories`);
  if (s.npmBulk || s.npmPackuments) parts.push(`npm ${s.npmBulk} bulk advisory POST + ${s.npmPackuments} packument GET`);
  if (s.other) parts.push(`${s.other} unexpected`);
  return parts.join('; ') || 'none';
}

function statSize(path) {
  return statSync(path).size;
}
