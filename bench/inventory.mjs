#!/usr/bin/env node
// Inventory benchmark: an organisation synthesised from the real fixture lockfiles, stored on the
// embedded store (PGlite) and on PostgreSQL; ingest throughput, scope latency and store size, side
// by side with the naive way (scan every stored SBOM JSON).
//
//   npm run build && node bench/inventory.mjs [--embedded 1000] [--postgres 10000] [--budget 480]
//
// PostgreSQL needs DATABASE_URL; the bench uses its own schema and drops it afterwards.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const dist = (rel) => import(new URL(`../dist/${rel}`, import.meta.url).href);
const { diskRepo } = await dist('adapters/fs/disk-repo.js');
const { readLockfiles } = await dist('ecosystems/reader.js');
const { componentsOf } = await dist('core/inventory/components.js');
const { parsePackageQuery } = await dist('core/inventory/query.js');
const { DEFAULT_LIMITS } = await dist('core/limits.js');
const { openPgliteDatabase } = await dist('adapters/store/pglite-database.js');
const { openPostgresDatabase } = await dist('adapters/store/postgres-database.js');
const { migrate } = await dist('adapters/store/migrations.js');
const { storeInventory } = await dist('adapters/store/store-inventory.js');

const { values: args } = parseArgs({
  options: {
    embedded: { type: 'string', default: '1000' },
    postgres: { type: 'string', default: '10000' },
    naive: { type: 'string', default: '1000' },
    budget: { type: 'string', default: '480' },
    runs: { type: 'string', default: '7' },
  },
});

const TARGET_COMPONENTS = 1500;
const RARE = 'bench-rare-package';

/** Real components from every fixture lockfile, grouped per file. */
async function realComponentSets() {
  const root = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
  const dirs = execFileSync('find', [root, '-name', 'package-lock.json', '-o', '-name', 'yarn.lock', '-o', '-name', 'pnpm-lock.yaml', '-o', '-name', 'bun.lock'], { encoding: 'utf8' })
    .split('\n').filter(Boolean).filter((p) => !p.includes('hand-written') && !p.includes('golden')).map((p) => p.slice(0, p.lastIndexOf('/')));
  const sets = [];
  for (const dir of [...new Set(dirs)]) {
    try {
      const components = componentsOf((await readLockfiles(diskRepo(dir), { limits: DEFAULT_LIMITS })).map((r) => r.graph));
      if (components.length > 0) sets.push(components);
    } catch {
      // A fixture meant to be refused: not part of the organisation.
    }
  }
  return sets;
}

/** Repository i: real lockfiles' components under several workspace lockfile paths until ~1,500; the rare package in 5%. */
function synthesise(sets, i) {
  const components = [];
  for (let k = 0; components.length < TARGET_COMPONENTS; k++) {
    const set = sets[(i * 7 + k * 13) % sets.length];
    const lockfile = k === 0 ? 'package-lock.json' : `packages/p${k}/package-lock.json`;
    for (const c of set) components.push({ ...c, lockfile });
  }
  if (i % 20 === 0) components.push({ ecosystem: 'npm', name: RARE, version: '1.0.0', purl: `pkg:npm/${RARE}@1.0.0`, direct: false, dev: false, workspaces: ['.'], path: ['.', 'express@4.21.0', `${RARE}@1.0.0`], lockfile: 'package-lock.json' });
  return components;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeScope(inventory, query, runs, limit) {
  const times = [];
  let count = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    count = (await inventory.findExposures([parsePackageQuery(query)], { limit })).total;
    times.push(performance.now() - t);
  }
  return { ms: median(times), count };
}

async function naiveScope(db, query, runs) {
  const q = parsePackageQuery(query);
  const times = [];
  let count = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    count = 0;
    for (const row of await db.query('select repository, doc from naive_sboms')) {
      for (const [name, version] of JSON.parse(row.doc)) if (name === q.name && q.matches(version)) count++;
    }
    times.push(performance.now() - t);
  }
  return { ms: median(times), count };
}

async function benchEngine(name, db, repositories, naiveRepositories, sets, sizeOf) {
  await migrate(db);
  await db.query('create table if not exists naive_sboms (repository text primary key, doc text not null)');
  const inventory = storeInventory(db);
  const deadline = performance.now() + Number(args.budget) * 1000;
  let writing = 0;
  let ingested = 0;
  let rows = 0;
  for (let i = 0; i < repositories && performance.now() < deadline; i++) {
    const components = synthesise(sets, i);
    rows += components.length;
    const started = performance.now();
    await inventory.writeSnapshot({ repository: { owner: 'org', name: `repo-${i}` }, ref: 'main', sha: i.toString(16).padStart(40, '0'), scannedAt: new Date(), contentHash: `h${i}`, components });
    writing += performance.now() - started;
    if (i < naiveRepositories) await db.query('insert into naive_sboms values ($1, $2) on conflict do nothing', [`org/repo-${i}`, JSON.stringify(components.map((c) => [c.name, c.version, c.lockfile]))]);
    ingested++;
    if (ingested % 500 === 0) process.stderr.write(`${name}: ${ingested} repositories\n`);
  }
  const seconds = writing / 1000;
  const runs = Number(args.runs);
  // Right after the load, before any vacuum: the count behind `--limit` visits every matching row in the table.
  const rangeLimitedUnvacuumed = await timeScope(inventory, 'debug@>=2.0.0 <5.0.0', Math.min(runs, 3), 100);
  // What autovacuum does on a PostgreSQL server with default settings (this machine's server runs with it
  // off; PGlite has none): statistics, and the visibility map that lets the package index answer counts alone.
  const vacuumStarted = performance.now();
  await db.query('vacuum (analyze) components, packages, snapshots, repositories');
  const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
  const rare = await timeScope(inventory, `${RARE}@*`, runs);
  const range = await timeScope(inventory, 'debug@>=2.0.0 <5.0.0', runs);
  const rangeLimited = await timeScope(inventory, 'debug@>=2.0.0 <5.0.0', runs, 100);
  const naiveRare = await naiveScope(db, `${RARE}@*`, Math.min(runs, 3));
  const naiveRange = await naiveScope(db, 'debug@>=2.0.0 <5.0.0', Math.min(runs, 3));
  return { name, ingested, rows, perSecond: ingested / seconds, rare, range, rangeLimited, rangeLimitedUnvacuumed, vacuumSeconds, naiveRare, naiveRange, naiveRepositories: Math.min(naiveRepositories, ingested), bytes: await sizeOf() };
}

const sets = await realComponentSets();
process.stderr.write(`corpus: ${sets.length} real lockfiles, ${sets.reduce((n, s) => n + s.length, 0)} components\n`);
const results = [];

const embeddedCount = Number(args.embedded);
if (embeddedCount > 0) {
  const dir = await mkdtemp(join(tmpdir(), 'cg-bench-store-'));
  const db = await openPgliteDatabase(dir);
  try {
    results.push(await benchEngine('embedded (PGlite)', db, embeddedCount, Number(args.naive), sets, async () => {
      await db.query('checkpoint');
      return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
    }));
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const url = process.env.DATABASE_URL;
if (url && Number(args.postgres) > 0) {
  const schema = `cg_bench_${randomBytes(4).toString('hex')}`;
  const db = await openPostgresDatabase({ url, schema });
  try {
    results.push(await benchEngine('PostgreSQL 15', db, Number(args.postgres), Number(args.naive), sets, async () => {
      const [row] = await db.query(`select sum(pg_total_relation_size(quote_ident(schemaname) || '.' || quote_ident(tablename)))::bigint as bytes from pg_tables where schemaname = $1 and tablename <> 'naive_sboms'`, [schema]);
      return Number(row.bytes);
    }));
  } finally {
    await db.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema ${schema} cascade`);
    await client.end();
  }
} else if (!url) {
  process.stderr.write('PostgreSQL skipped: DATABASE_URL is not set\n');
}

const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; medians of ${args.runs} runs (naive and before vacuum: 3); ingest = time inside writeSnapshot; scope after VACUUM (ANALYZE)\n`);
console.log('| Store | Repositories × components | Ingest (repositories/s) | scope, package in 5% of repositories | scope, range over a popular package (all exposures / `--limit 100`) | `--limit 100` before vacuum | VACUUM (ANALYZE) | naive scan of stored SBOM JSON (same two queries) | Store size (inventory tables) |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) {
  console.log(`| ${r.name} | ${r.ingested.toLocaleString('en')} × ~${Math.round(r.rows / r.ingested).toLocaleString('en')} | ${r.perSecond.toFixed(1)} | ${r.rare.ms.toFixed(1)} ms (${r.rare.count} exposures) | ${r.range.ms.toFixed(0)} ms / ${r.rangeLimited.ms.toFixed(1)} ms (${r.range.count} exposures) | ${r.rangeLimitedUnvacuumed.ms.toFixed(0)} ms | ${r.vacuumSeconds.toFixed(0)} s | ${r.naiveRare.ms.toFixed(0)} ms / ${r.naiveRange.ms.toFixed(0)} ms over ${r.naiveRepositories.toLocaleString('en')} repositories | ${mb(r.bytes)} |`);
}
