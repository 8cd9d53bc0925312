#!/usr/bin/env node
// chaingate scan-engine benchmark: lockfile → graph, full SBOM and graph diff on a
// 2,000+ package corpus, side by side with the tools a user would pick instead.
//
//   npm run build && bash bench/corpus/build.sh && npm run bench [-- --runs 7 --warmup 2 --child-runs 3]
//
// In-process tools: median of --runs after --warmup runs, all in this process.
// CLI tools (cyclonedx-npm, and chaingate's own cold run for comparison): median of --child-runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { parseSyml } from '@yarnpkg/parsers';
import { loadCompetitors } from './lib/competitors.mjs';
import { COUNTERS } from './lib/count.mjs';
import { loadEngine } from './lib/engine.mjs';
import { measure, median } from './lib/stats.mjs';
import { renderTable } from './lib/table.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '2' },
    'child-runs': { type: 'string', default: '3' },
    corpus: { type: 'string', default: fileURLToPath(new URL('./.corpus/', import.meta.url)) },
  },
});
const opts = { runs: Number(args.runs), warmup: Number(args.warmup) };
const childRuns = Number(args['child-runs']);
const corpus = args.corpus;
const dirOf = (variant, manager) => join(corpus, variant, manager);
const ROOT = { name: 'chaingate-bench-app', version: '1.0.0' };

const engine = await loadEngine();
const tools = loadCompetitors();
const limits = engine.DEFAULT_LIMITS;

console.log('# chaingate benchmark\n');
console.log(`- node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})`);
console.log(`- runs: median of ${opts.runs} after ${opts.warmup} warm-up (in-process); median of ${childRuns} after 1 warm-up (child processes)`);
console.log(`- competitors: @npmcli/arborist ${tools.versions.arborist}, snyk-nodejs-lockfile-parser ${tools.versions.snyk}, @cyclonedx/cyclonedx-npm ${tools.versions.cyclonedxNpm}`);
for (const m of engine.missing) console.log(`- MISSING engine export: ${m}`);
for (const m of tools.missing) console.log(`- MISSING competitor: ${m}`);
console.log('');

/** @type {import('./lib/table.mjs').Row[]} */
const rows = [];
const fail = (error) => `error: ${String(error?.message ?? error).split('\n')[0].slice(0, 80)}`;

async function bench(fn) {
  try {
    return await measure(fn, opts);
  } catch (error) {
    return { error };
  }
}

function oursParse(dir, file) {
  const openSibling = (name) => readFile(join(dir, name), 'utf8').catch(() => undefined);
  return async () => engine.parseLockfile(await readFile(join(dir, file), 'utf8'), { path: file, limits, openSibling });
}

const FLOORS = {
  npm: { tool: 'floor: readFile + JSON.parse', parse: (text) => JSON.parse(text) },
  pnpm: { tool: 'floor: readFile + yaml.parse', parse: (text) => parseYaml(text) },
  yarn: { tool: 'floor: readFile + @yarnpkg/parsers parseSyml', parse: (text) => parseSyml(text) },
};
const SNYK = { npm: tools.snykNpm, pnpm: tools.snykPnpm, yarn: tools.snykYarn };

// 1. lockfile → dependency graph, per package manager (head variant).
for (const manager of ['npm', 'pnpm', 'yarn']) {
  const dir = dirOf('head', manager);
  const file = COUNTERS[manager].file;
  const operation = `${manager} ${file} → graph`;
  if (!existsSync(join(dir, file))) {
    rows.push({ operation, tool: '(corpus missing: run bash bench/corpus/build.sh)' });
    continue;
  }
  const lockText = readFileSync(join(dir, file), 'utf8');
  const entries = COUNTERS[manager].count(lockText);
  const distinct = COUNTERS[manager].distinct(lockText);
  const lockCount = entries === distinct ? entries : `${entries} entries, ${distinct} distinct`;
  const floor = await bench(async () => FLOORS[manager].parse(await readFile(join(dir, file), 'utf8')));
  const ours = engine.parseLockfile ? await bench(oursParse(dir, file)) : { error: new Error('parseLockfile not built') };
  const oursOk = !ours.error;
  rows.push({ operation, tool: FLOORS[manager].tool, ms: floor.ms, packages: lockCount, heapBytes: floor.retainedBytes, note: floor.error && fail(floor.error) });
  const oursRatio = oursOk && !floor.error ? ours.ms / floor.ms : undefined;
  rows.push({
    operation,
    tool: '**chaingate parseLockfile**',
    ms: ours.ms,
    ratio: oursRatio,
    ratioNote: 'of floor',
    packages: oursOk ? ours.result.packages.size : undefined,
    heapBytes: ours.retainedBytes,
    note: ours.error && fail(ours.error),
    ...(manager === 'npm' && oursRatio !== undefined ? { target: '≤ 2× floor', pass: oursRatio <= 2 } : {}),
  });
  const competitors = manager === 'npm' ? [['@npmcli/arborist loadVirtual', tools.arborist], ['snyk parseNpmLockV2Project', SNYK.npm]] : [[`snyk ${manager === 'pnpm' ? 'parsePnpmProject' : 'parseYarnLockV1Project'}`, SNYK[manager]]];
  for (const [tool, impl] of competitors) {
    if (!impl) {
      rows.push({ operation, tool, note: 'not installed' });
      continue;
    }
    const r = await bench(() => impl.run(dir));
    const ratio = oursOk && !r.error ? r.ms / ours.ms : undefined;
    rows.push({
      operation,
      tool,
      ms: r.ms,
      ratio,
      ratioNote: 'of ours',
      packages: r.error ? undefined : impl.count(r.result),
      heapBytes: r.retainedBytes,
      note: r.error && fail(r.error),
      ...(tool.startsWith('@npmcli/arborist') && ratio !== undefined ? { target: '≥ 5× ours', pass: ratio >= 5 } : {}),
    });
  }
}

// 2. full SBOM of the npm lockfile: parse + build + serialise.
const countComponents = (list = []) => list.reduce((n, c) => n + 1 + countComponents(c.components), 0);
function timeChild(argv, cwd) {
  const samples = [];
  let last;
  for (let i = 0; i <= childRuns; i++) {
    const t0 = performance.now();
    last = spawnSync(process.execPath, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (i > 0) samples.push(performance.now() - t0);
    if (last.status !== 0) return { error: new Error(`exit ${last.status}: ${(last.stderr || last.stdout || '').trim().split('\n').pop()}`) };
  }
  return { ms: median(samples), stdout: last.stdout };
}
{
  const operation = 'full SBOM (npm, CycloneDX JSON)';
  const dir = dirOf('head', 'npm');
  if (!existsSync(join(dir, 'package-lock.json'))) {
    rows.push({ operation, tool: '(corpus missing)' });
  } else {
    const canSbom = engine.parseLockfile && engine.buildBom && engine.serializeBom;
    const parse = canSbom && oursParse(dir, 'package-lock.json');
    const ours = canSbom
      ? await bench(async () => engine.serializeBom(engine.buildBom([await parse()], { root: ROOT, toolVersion: '0', deterministic: true }), 'json'))
      : { error: new Error('parseLockfile/buildBom/serializeBom not built') };
    const oursCount = ours.error ? undefined : countComponents(JSON.parse(ours.result).components);
    rows.push({ operation, tool: '**chaingate** parse + buildBom + serializeBom (in-process)', ms: ours.ms, packages: oursCount, heapBytes: ours.retainedBytes, note: ours.error && fail(ours.error) });
    const cold = canSbom ? timeChild([fileURLToPath(new URL('./lib/sbom-child.mjs', import.meta.url)), dir], dir) : { error: new Error('not built') };
    const cdx = tools.cyclonedxCli
      ? timeChild([tools.cyclonedxCli, '--package-lock-only', '--output-format', 'JSON', '--output-reproducible', '--output-file', '-', 'package.json'], dir)
      : { error: new Error('not installed') };
    const cdxOk = !cdx.error;
    rows.push({
      operation,
      tool: '**chaingate** same, cold child process',
      ms: cold.ms,
      ratio: cdxOk && !cold.error ? cdx.ms / cold.ms : undefined,
      ratioNote: 'cyclonedx-npm ÷ this',
      packages: cold.error ? undefined : countComponents(JSON.parse(cold.stdout).components),
      note: cold.error && fail(cold.error),
      ...(cdxOk && !cold.error ? { target: '≥ 10×', pass: cdx.ms / cold.ms >= 10 } : {}),
    });
    const ratio = cdxOk && !ours.error ? cdx.ms / ours.ms : undefined;
    rows.push({
      operation,
      tool: '@cyclonedx/cyclonedx-npm --package-lock-only (child process)',
      ms: cdx.ms,
      ratio,
      ratioNote: 'of ours in-process',
      packages: cdxOk ? countComponents(JSON.parse(cdx.stdout).components) : undefined,
      note: cdx.error && fail(cdx.error),
      ...(ratio !== undefined ? { target: '≥ 10× ours', pass: ratio >= 10 } : {}),
    });
  }
}

// 3. diff of the base and head graphs (graphs parsed beforehand; only diffGraphs is timed).
for (const manager of ['npm', 'pnpm', 'yarn']) {
  const file = COUNTERS[manager].file;
  const operation = `diff base → head (${manager})`;
  const base = dirOf('base', manager);
  const head = dirOf('head', manager);
  if (!existsSync(join(base, file)) || !existsSync(join(head, file))) {
    rows.push({ operation, tool: '(corpus missing)' });
    continue;
  }
  if (!engine.diffGraphs || !engine.parseLockfile) {
    rows.push({ operation, tool: '**chaingate diffGraphs**', note: 'not built' });
    continue;
  }
  let graphs;
  try {
    graphs = [await oursParse(base, file)(), await oursParse(head, file)()];
  } catch (error) {
    rows.push({ operation, tool: '**chaingate diffGraphs**', note: fail(error) });
    continue;
  }
  const r = await bench(() => engine.diffGraphs(graphs[0], graphs[1]));
  const changes = r.error ? '?' : Array.isArray(r.result) ? r.result.length : r.result.changes.length;
  rows.push({
    operation,
    tool: '**chaingate diffGraphs**',
    ms: r.ms,
    packages: `${graphs[0].packages.size} → ${graphs[1].packages.size} (${changes} changes)`,
    heapBytes: r.retainedBytes,
    note: r.error && fail(r.error),
    ...(r.error ? {} : { target: '< 20 ms', pass: r.ms < 20 }),
  });
}

console.log(renderTable(rows));
console.log('\nratio: "of floor" = chaingate ÷ floor (lower is better); "of ours" = that tool ÷ chaingate (higher means chaingate is faster).');
console.log('packages: as each tool counts them (floor: entries in the lockfile itself; see bench/README.md).');
