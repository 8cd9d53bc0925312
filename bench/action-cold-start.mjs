#!/usr/bin/env node
// Cold start of the bundled GitHub Action on a 2,000-package pull request:
// process start to exit (outputs, summary, SARIF and SBOM written), as the
// runner runs it (`node action/dist/index.js`), median of several runs.
//
//   node bench/action-cold-start.mjs [--runs 7] [--corpus bench/.corpus]
//
// Needs bench/.corpus (bash bench/corpus/build.sh) and a current bundle
// (npm run build:action). Offline: advisories come from test/fixtures/osv/check.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { machine } from './lib/machine.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const runs = Number(arg('runs', '7'));
const corpus = resolve(arg('corpus', join(root, 'bench', '.corpus')));
const bundle = join(root, 'action', 'dist', 'index.js');

const git = (cwd, ...args) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' },
  }).trim();

// A repository whose two commits are the corpus's base and head npm lockfiles.
const workspace = mkdtempSync(join(tmpdir(), 'chaingate-bench-action-'));
git(workspace, 'init', '-q', '-b', 'main');
const shas = [];
for (const side of ['base', 'head']) {
  cpSync(join(corpus, side, 'npm'), workspace, { recursive: true });
  git(workspace, 'add', '-A');
  git(workspace, 'commit', '-qm', side);
  shas.push(git(workspace, 'rev-parse', 'HEAD'));
}

// A real pull_request payload from @octokit/webhooks-examples, pointed at those commits.
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json');
const payload = structuredClone(examples.find((e) => e.name === 'pull_request').examples.find((x) => x.action === 'opened'));
payload.pull_request.base.sha = shas[0];
payload.pull_request.head.sha = shas[1];

function runOnce() {
  const dir = mkdtempSync(join(tmpdir(), 'chaingate-bench-runner-'));
  const files = { event: join(dir, 'event.json'), output: join(dir, 'output'), summary: join(dir, 'summary.md') };
  writeFileSync(files.event, JSON.stringify(payload));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'bench/corpus',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    'INPUT_GITHUB-TOKEN': 'ghs_bench',
    'INPUT_WARN-ONLY': 'true',
    'INPUT_COMMENT-SUMMARY-IN-PR': 'never',
    INPUT_ADVISORIES: join(root, 'test', 'fixtures', 'osv', 'check'),
    'INPUT_SARIF-FILE': join(dir, 'out.sarif'),
    'INPUT_SBOM-FILE': join(dir, 'sbom.cdx.json'),
  };
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bundle], { cwd: workspace, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      const millis = performance.now() - started;
      const outputs = readFileSync(files.output, 'utf8');
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0 || !outputs.includes('conclusion<<')) fail(new Error(`the Action failed (exit ${code}): ${stderr}`));
      else done({ millis, outputs });
    });
  });
}

await runOnce(); // warm the file system cache, as a runner's second step would find it
const times = [];
let last;
for (let i = 0; i < runs; i++) {
  last = await runOnce();
  times.push(last.millis);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const size = statSync(bundle).size;
const gz = gzipSync(readFileSync(bundle)).length;
const changes = JSON.parse(/changes<<(\S+)\n([\s\S]*?)\n\1/u.exec(last.outputs)[2]).length;
const m = machine();
console.log(`# chaingate Action cold start\n\n- node ${m.node}, ${m.nproc} CPUs (${m.cpu}), load ${m.load}\n- ${runs} runs after 1 warm-up; pull request of ${changes} dependency changes between the corpus's base and head npm lockfiles\n`);
console.log('| measure | value | target | pass |\n|---|---|---|---|');
console.log(`| cold start, process start → outputs written (median) | ${median.toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)}) | < 1500 ms | ${median < 1500 ? 'pass' : 'FAIL'} |`);
console.log(`| bundle size (action/dist/index.js) | ${(size / 1024).toFixed(0)} KiB (${(gz / 1024).toFixed(0)} KiB gzipped) | | |`);
rmSync(workspace, { recursive: true, force: true });
