#!/usr/bin/env node
// The fuzzing suite: seeded inputs (mutated real fixtures, and some made from
// nothing) against every lockfile and SBOM parser, the policy reader and the
// OSV reader (records and zip). Not part of `npm test`.
//
//   npm run fuzz                                  1,200 inputs per target (12,000 in all), a fresh seed
//   npm run fuzz -- --seed 1234 --inputs 500      reproducible, smaller
//   npm run fuzz -- --target pnpm --replay 417    runs input 417 of pnpm for --seed, shows the error
//   npm run fuzz -- --target npm --save 417       writes that input to scripts/fuzz/regressions/npm/
//
// Each target runs in a child process, one input at a time; an input that
// takes longer than --timeout-ms (default 10,000) is a hang: the child is
// killed and the run goes on after it. A crash is any error other than
// ParseError / ConfigError / UpstreamError (the clear refusals). Peak memory
// is the child's peak resident set. Exit 1 when anything crashed or hung.
// Saved regression inputs (scripts/fuzz/regressions/<target>/) are replayed first.
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = parseArgs(process.argv.slice(2));
const seed = String(args.seed ?? Math.floor(Math.random() * 2 ** 31));
const perTarget = Number(args.inputs ?? 1200);
const timeoutMs = Number(args['timeout-ms'] ?? 10_000);
const memoryMb = Number(args['max-old-space-mb'] ?? 2048);

const outdir = join(root, 'node_modules', '.cache', 'chaingate-fuzz');
await build({
  entryPoints: [join(root, 'scripts/fuzz/worker.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: join(outdir, 'worker.mjs'),
  sourcemap: 'inline',
  sourcesContent: false,
  logLevel: 'warning',
});
const workerPath = join(outdir, 'worker.mjs');
const worker = await import(pathToFileURL(workerPath).href);

const allTargets = worker.fuzzTargets(root).map((t) => t.name);
const targets = args.target ? String(args.target).split(',') : allTargets;
for (const name of targets) if (!allTargets.includes(name)) fail(`unknown target ${name}; targets: ${allTargets.join(', ')}`);

if (args.replay !== undefined || args.save !== undefined) {
  const target = worker.targetNamed(root, targets[0]);
  const index = Number(args.replay ?? args.save);
  const input = worker.inputFor(target, seed, index);
  if (args.save !== undefined) {
    const dir = join(root, 'scripts/fuzz/regressions', target.name);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `seed-${seed}-input-${index}.${target.extension}`);
    writeFileSync(file, input.bytes ?? input.text ?? '');
    console.log(`wrote ${file}`);
  } else {
    const started = performance.now();
    console.log(`${target.name} input ${index} (seed ${seed}): ${await target.run(input)} in ${(performance.now() - started).toFixed(0)} ms`);
  }
  process.exit(0);
}

console.log(`chaingate fuzz: seed ${seed}, ${perTarget} inputs per target, ${timeoutMs} ms per input, node ${process.version}`);
console.log('replay one input with: npm run fuzz -- --seed ' + seed + ' --target <target> --replay <index>\n');
const results = [];
for (const name of targets) results.push(await fuzzTarget(name));

console.log('\n| target | inputs | accepted | refused | crashes | hangs | peak RSS | slowest input | time |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.name} | ${r.inputs} | ${r.accepted} | ${r.refused} | ${r.crashes.length} | ${r.hangs.length} | ${r.peakRssMb.toFixed(0)} MB | ${r.slowestMs.toFixed(0)} ms (${r.slowestLabel}) | ${(r.ms / 1000).toFixed(1)} s |`);
}
const total = results.reduce((sum, r) => sum + r.inputs, 0);
const problems = results.flatMap((r) => [...r.crashes.map((c) => ({ ...c, kind: 'crash', target: r.name })), ...r.hangs.map((h) => ({ ...h, kind: 'hang', target: r.name }))]);
console.log(`\n${total} inputs, ${problems.filter((p) => p.kind === 'crash').length} crashes, ${problems.filter((p) => p.kind === 'hang').length} hangs (seed ${seed})`);
for (const p of problems) {
  console.log(`\n${p.kind.toUpperCase()} ${p.target} ${p.label}${p.saved ? ` (saved to ${p.saved})` : ''}\n${indent(p.error ?? '')}`);
}
process.exit(problems.length > 0 ? 1 : 0);

/** Runs one target's inputs in a child, restarting after a hang or a dead child. */
async function fuzzTarget(name) {
  const regressions = countRegressions(name);
  const result = { name, inputs: 0, accepted: 0, refused: 0, crashes: [], hangs: [], peakRssMb: 0, slowestMs: 0, slowestLabel: '', ms: 0 };
  const started = performance.now();
  const labelOf = (position) => (position < regressions.length ? `regression ${regressions[position]}` : `input ${position - regressions.length}`);
  let position = 0;
  const end = regressions.length + perTarget;
  while (position < end) {
    const from = Math.max(0, position - regressions.length);
    const skipRegressions = Math.min(position, regressions.length);
    position = await new Promise((done) => {
      const child = fork(workerPath, [], { execArgv: [`--max-old-space-size=${memoryMb}`, '--enable-source-maps'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
      let at = position;
      let since = performance.now();
      let finished = false;
      const finish = (next) => {
        if (finished) return;
        finished = true;
        clearInterval(timer);
        done(next);
      };
      const timer = setInterval(() => {
        if (performance.now() - since <= timeoutMs) return;
        result.peakRssMb = Math.max(result.peakRssMb, peakRssOf(child.pid));
        child.kill('SIGKILL');
        result.inputs++;
        result.hangs.push({ label: labelOf(at), error: `no result after ${timeoutMs} ms`, saved: saveProblem(name, at - regressions.length) });
        finish(at + 1);
      }, 200);
      child.on('message', (message) => {
        if (message.type === 'end') {
          const ms = performance.now() - since;
          if (ms > result.slowestMs) [result.slowestMs, result.slowestLabel] = [ms, labelOf(at)];
          result.inputs++;
          if (message.outcome === 'crash') result.crashes.push({ label: labelOf(at), error: message.error, saved: saveProblem(name, at - regressions.length) });
          else result[message.outcome]++;
          at++;
          since = performance.now();
        } else if (message.type === 'ready') {
          // Loading the engine and the fixtures is not the first input's time.
          since = performance.now();
        } else if (message.type === 'done') {
          result.peakRssMb = Math.max(result.peakRssMb, message.maxRssMb);
        }
      });
      child.on('exit', (code, signal) => {
        if (finished) return;
        if (at < end && signal !== 'SIGKILL') {
          // The child died on this input (out of memory, a native abort): a crash, and go on after it.
          result.inputs++;
          result.crashes.push({ label: labelOf(at), error: `child exited (code ${code}, signal ${signal})\n${stderr.trim().split('\n').slice(-12).join('\n')}`, saved: saveProblem(name, at - regressions.length) });
          finish(at + 1);
          return;
        }
        finish(at);
      });
      child.send({ root, target: name, seed, from, to: perTarget, skipRegressions });
    });
  }
  result.ms = performance.now() - started;
  console.log(`${name}: ${result.inputs} inputs, ${result.crashes.length} crashes, ${result.hangs.length} hangs, ${(result.ms / 1000).toFixed(1)} s`);
  return result;
}

/** Writes a failing generated input where it can be looked at and replayed (never a regression input). */
function saveProblem(name, index) {
  if (index < 0) return undefined;
  const target = worker.targetNamed(root, name);
  const dir = join(root, 'node_modules', '.cache', 'chaingate-fuzz', 'findings', name);
  mkdirSync(dir, { recursive: true });
  const input = worker.inputFor(target, seed, index);
  const file = join(dir, `seed-${seed}-input-${index}.${target.extension}`);
  writeFileSync(file, input.bytes ?? input.text ?? '');
  return file;
}

function countRegressions(name) {
  try {
    return readdirSync(join(root, 'scripts/fuzz/regressions', name)).sort();
  } catch {
    return [];
  }
}

function peakRssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/u.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) fail(`unexpected argument ${arg}`);
    const [key, inline] = arg.slice(2).split('=', 2);
    out[key] = inline ?? argv[++i];
  }
  return out;
}

function indent(text) {
  return text.split('\n').slice(0, 14).map((line) => `    ${line}`).join('\n');
}

function fail(message) {
  console.error(`fuzz: ${message}`);
  process.exit(2);
}
