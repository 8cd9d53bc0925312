import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { parsePackageQuery } from '../../core/inventory/query.js';
import { exposureTier, renderScopeJson, renderScopeMarkdown, renderScopeText } from '../../core/inventory/scope-report.js';
import type { Advisory } from '../../core/facts.js';
import type { PackageQuery } from '../../core/ports.js';
import { githubAffectedPackages, toGithubAdvisory } from '../../adapters/github-advisories/index.js';
import { osvAffectedPackages, toOsvRecord, type AffectedPackage } from '../../adapters/osv/index.js';
import { openInventory } from '../../adapters/store/open-inventory.js';
import { readPolicy } from '../../core/policy/read-policy.js';
import { policyFileOnDisk } from '../policy-file.js';
import { type CliIo, ExitCode } from '../io.js';
import { formatFrom, parseCommandArgs } from '../options.js';
import { type AdvisoryLookup, loadAdvisoryJson } from '../advisory-input.js';

export const scopeHelp = `Usage: chaingate scope QUERY [options]

Answers "which repositories, refs and deployments contain this — right now"
from the inventory (see chaingate inventory). QUERY is one of:

  pkg:npm/debug@4.4.2     a package URL (without a version: every version)
  debug@^4.4.0            a name and a semver range; debug@* for any version
  GHSA-xxxx-xxxx-xxxx     an advisory ID (GHSA, CVE, MAL, ...), looked up in
                          OSV, or offline in the --advisories directory
  advisory.json           an OSV or GitHub advisory JSON file: every affected
                          package and range in it

Each exposure shows its path (npm explain style) and the risk tier the policy
gives it (an advisory's severity and malware flag; a package or range query
counts as a vulnerability of unknown severity).

Options:
  --format text|json|markdown   output format (default: text)
  --limit N               list only the first N exposures (by repository, ref,
                          package) and say how many there are in all (JSON:
                          "total"); for a package every repository has
  --policy FILE           policy whose tiers are shown (default: built-in default)
  --advisories DIR        offline OSV records (one JSON file per advisory)
  --offline               do not ask OSV for an advisory ID
  --osv-url URL           OSV API to ask (default: https://api.osv.dev)
  --store DIR             embedded store directory (default: CHAINGATE_STORE,
                          else $XDG_DATA_HOME/chaingate); DATABASE_URL selects
                          PostgreSQL instead
  -h, --help              this help

Exit codes: 0 answered (exposed or not), 2 usage or input error (a bad range
or purl), 3 internal error.
`;

const options = {
  store: { type: 'string' },
  format: { type: 'string' },
  limit: { type: 'string' },
  policy: { type: 'string' },
  advisories: { type: 'string' },
  offline: { type: 'boolean' },
  'osv-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runScope(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, options, true);
  if (values.help) {
    io.stdout(scopeHelp);
    return ExitCode.ok;
  }
  if (positionals.length !== 1 || positionals[0] === undefined) throw new UsageError('BAD_ARGUMENT', 'scope takes one QUERY (a purl, name@range, advisory ID or advisory JSON file)');
  const query = positionals[0];
  const format = formatFrom(values.format, ['text', 'json', 'markdown'] as const, 'text');
  const limit = limitFrom(values.limit);
  const { queries, advisory } = await resolveQuery(query, values, io);
  const { policy } = await readPolicy({ repository: values.policy === undefined ? undefined : policyFileOnDisk(resolve(io.cwd, values.policy)) });

  const { inventory, close } = await openInventory({ storeDir: values.store, env: io.env, cwd: io.cwd });
  try {
    const started = performance.now();
    const { exposures, total } = await inventory.findExposures(queries, { limit });
    const result = { query, exposures, total: limit === undefined ? undefined : total, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    const tier = (e: (typeof exposures)[number]) => exposureTier(e, policy.tiers, advisory);
    io.stdout(format === 'json' ? renderScopeJson(result) : format === 'markdown' ? renderScopeMarkdown(result, tier) : renderScopeText(result, tier));
    return ExitCode.ok;
  } finally {
    await close();
  }
}

function limitFrom(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,9}$/.test(value) || Number(value) === 0) throw new UsageError('BAD_ARGUMENT', `--limit ${JSON.stringify(value)} is not a positive whole number`);
  return Number(value);
}

async function resolveQuery(query: string, values: AdvisoryLookup, io: CliIo): Promise<{ queries: PackageQuery[]; advisory?: Advisory }> {
  const record = await loadAdvisoryJson(query, values, io);
  return record === undefined ? { queries: [parsePackageQuery(query)] } : fromAdvisory(record, query);
}

/** Every package an OSV record or a GitHub advisory names, judged as `check` judges it (the same adapters). */
function fromAdvisory(value: unknown, label: string): { queries: PackageQuery[]; advisory: Advisory } {
  const github = toGithubAdvisory(value);
  const osv = github ? undefined : toOsvRecord(value);
  if (!github && !osv) throw new UsageError('BAD_ARGUMENT', `${label} is not an OSV record or a GitHub advisory`);
  const withdrawn = github?.withdrawnAt ?? osv?.withdrawn;
  if (withdrawn) throw new UsageError('BAD_ARGUMENT', `${label}: ${github?.ghsaId ?? osv?.id} was withdrawn on ${withdrawn}; nothing is affected`);
  const packages: AffectedPackage[] = github ? githubAffectedPackages(github) : osvAffectedPackages(osv!);
  const [first] = packages;
  if (!first) throw new UsageError('BAD_ARGUMENT', `${label} names no affected package chaingate can match`);
  return { queries: packages.map((p) => ({ ecosystem: p.ecosystem, name: p.name, versions: p.versions, matches: p.affects })), advisory: first.advisory };
}
