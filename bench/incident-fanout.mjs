#!/usr/bin/env node
// Incident fan-out benchmark: an advisory that hits N repositories (1,000 by default) → one
// checklist issue per repository and the summary issue, against a fake GitHub that enforces the
// secondary limits (80 content-creating requests a minute, 500 an hour) on a simulated clock.
// Reports how close the pacer comes to the limit (busiest minute vs 80, mean over the minutes it
// was allowed to send) with zero violations, the simulated and the wall time, then the same
// incident verified everywhere (a closing comment and a close per issue) and a no-op rerun.
//
//   npm run build && node bench/incident-fanout.mjs [--repos 1000] [--concurrency 4]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startLimitedIssuesServer } from './lib/fake-apis/github-issues.mjs';
import { machine } from './lib/machine.mjs';

const dist = (rel) => import(new URL(`../dist/${rel}`, import.meta.url).href);
const { createGitHubClient } = await dist('adapters/github/octokit.js');
const { Pacer } = await dist('adapters/github/pacer.js');
const { githubIncidentIssues } = await dist('adapters/github/incident-issues.js');
const { reconcileIncidentIssues } = await dist('adapters/github/reconcile-incident-issues.js');

const { values: args } = parseArgs({ options: { repos: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '4' } } });
const N = Number(args.repos);

const clock = { t: 0, now: () => clock.t, sleep: async (ms) => void (clock.t += ms) };
const fake = await startLimitedIssuesServer({ now: clock.now });
const client = createGitHubClient({ token: 'ghs_bench', baseUrl: fake.url, userAgent: 'chaingate-bench', retries: 2, retryAfterBaseMs: 1, throttle: false });
const pacer = new Pacer({ clock });
const issues = githubIncidentIssues(client, pacer, { label: 'chaingate' });
const names = Array.from({ length: N }, (_, i) => `bench-org/service-${String(i).padStart(4, '0')}`);

function incident(exposed) {
  const set = new Set(exposed);
  return {
    id: 'MAL-2025-46974', aliases: ['GHSA-8mgj-vmr8-frr6'], title: 'Malicious code in debug 4.4.2', severity: 'critical', kind: 'malware', status: 'open',
    affected: [{ ecosystem: 'npm', name: 'debug', versions: '4.4.2' }],
    timeline: { publishedAt: new Date('2025-09-08T13:50:00Z'), receivedAt: new Date('2025-09-08T14:10:00Z'), scopedAt: new Date('2025-09-08T14:10:05Z') },
    exposures: names.filter((n) => set.has(n)).map((repository, i) => ({
      repository, ref: 'main', sha: 'a'.repeat(40), environments: i % 3 === 0 ? ['production'] : [], ecosystem: 'npm', name: 'debug', version: '4.4.2',
      direct: i % 2 === 0, dev: false, path: ['.', 'debug@4.4.2'], lockfile: 'package-lock.json', tier: i % 4 === 0 ? 1 : i % 4 === 1 ? 2 : 3,
    })),
    repositories: names.map((repository, i) => ({
      repository, defaultBranch: 'main', defaultBranchScanned: true, deployments: i % 3 === 0 ? [{ environment: 'production', sha: set.has(repository) ? 'a'.repeat(40) : 'b'.repeat(40) }] : [],
      releaseTags: [], owners: [], containment: [], remediationPullRequests: [],
    })),
  };
}

/** Busiest 60 s window, and the mean per minute over the minutes that sent anything. */
function perMinute(times) {
  let busiest = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 60_000) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  const minutes = new Map();
  for (const t of times) minutes.set(Math.floor(t / 60_000), (minutes.get(Math.floor(t / 60_000)) ?? 0) + 1);
  const active = [...minutes.values()];
  return { busiest, activeMinutes: active.length, meanActive: active.length ? active.reduce((a, b) => a + b, 0) / active.length : 0 };
}

async function phase(label, view) {
  const writesBefore = fake.writes.length;
  const logBefore = fake.log.length;
  const startSim = clock.t;
  const startWall = performance.now();
  let runs = 0;
  let report;
  do report = await reconcileIncidentIssues(async () => issues, view, { owners: 'none', summaryRepository: 'bench-org/security', concurrency: Number(args.concurrency) });
  while (!report.converged && ++runs < 5);
  const times = fake.writes.slice(writesBefore);
  const pm = perMinute(times);
  // Tier 1 repositories are every fourth one: when was the last of them written?
  const tier1 = new Set(names.filter((_, i) => i % 4 === 0).map((n) => `/repos/${n}/issues`));
  const tier1Done = Math.max(startSim, ...fake.log.slice(logBefore).filter((w) => [...tier1].some((p) => w.path.startsWith(p))).map((w) => w.t));
  return {
    phase: label,
    'content-creating requests': times.length,
    'busiest minute (limit 80)': pm.busiest,
    'mean per sending minute': pm.meanActive.toFixed(1),
    'first hour (limit 500)': times.filter((t) => t < (times[0] ?? 0) + 3_600_000).length,
    'tier 1 done after': view.exposures.length > 0 && times.length > 0 ? `${((tier1Done - startSim) / 60_000).toFixed(1)} min` : '—',
    'simulated time': `${((clock.t - startSim) / 60_000).toFixed(1)} min`,
    'wall time': `${((performance.now() - startWall) / 1000).toFixed(1)} s`,
    converged: report.converged,
  };
}

console.log(machine());
const results = [];
results.push(await phase(`open: ${N} exposed repositories`, incident(names)));
results.push(await phase('rerun (nothing changed)', incident(names)));
results.push(await phase(`verified everywhere: close ${N} issues`, incident([])));
const one = names.every((n) => fake.issues(n).length === 1);
console.table(results);
console.log(`limit violations: ${fake.violations.length}; pacer refusals: ${pacer.stats.refusals}; exactly one issue per repository: ${one}; GETs: ${fake.stats.get}`);
await fake.close();
if (fake.violations.length > 0 || !one) process.exitCode = 1;
