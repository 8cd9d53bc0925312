import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runCheck } from '../../core/check/run-check.js';
import { UsageError } from '../../core/errors.js';
import { signalSettingsFrom } from '../../core/policy/index.js';
import { renderSarif } from '../../core/report/sarif-render.js';
import { renderVerdictJson } from '../../core/report/verdict-json.js';
import { renderVerdictMarkdown } from '../../core/report/verdict-markdown.js';
import { renderVerdictText } from '../../core/report/verdict-text.js';
import { buildFactSources } from '../../shell/fact-sources.js';
import { excludeMatcher } from '../../shell/exclude.js';
import { type CliIo, ExitCode } from '../io.js';
import { alignSingleFiles, loadTree } from '../load-tree.js';
import { formatFrom, inputOptions, limitsFrom, parseCommandArgs } from '../options.js';
import { loadPopularPackages } from '../../shell/popular-packages.js';
import { readLockfileLines } from '../../shell/lockfile-lines.js';
import { readTreeAgeGates } from '../../shell/read-age-gates.js';
import { readPolicy } from '../../shell/read-policy.js';
import { chaingateVersion } from '../../shell/version.js';

export const checkHelp = `Usage: chaingate check --base REF_OR_FILE --head REF_OR_FILE [options]

Judges every dependency the head brings in (direct and transitive) against
advisories, malware, install scripts, provenance, release age, typosquats,
licences and sources, and applies the policy: exit 1 when it blocks.

The policy and package-manager settings are read from the BASE side
(.github/chaingate.yml at --base), never from the head under review.

Options:
  --base REF_OR_FILE      the tree before (e.g. origin/main, a lockfile)
  --head REF_OR_FILE      the tree after (e.g. HEAD)
  --repo DIR              git repository the revisions belong to (default: .)
  --policy FILE           policy file to use instead of the base's
                          .github/chaingate.yml (default: built-in default)
  --org-policy FILE       organisation defaults, below the repository policy
  --advisories PATH       offline OSV advisories: a directory of OSV JSON
                          records or an OSV all.zip export
  --offline               no network: only --advisories is consulted
  --no-cache              do not keep fetched answers on disk
  --registry URL          npm registry for metadata, advisories and
                          attestations (default: https://registry.npmjs.org)
  --osv-url URL           OSV API to ask (default: https://api.osv.dev)
  --trusted-root FILE     Sigstore trusted_root.json for provenance (default:
                          the public-good root shipped with chaingate)

Environment: GITHUB_TOKEN or GH_TOKEN (raises GitHub's rate limit),
GITHUB_API_URL (GitHub Enterprise Server), XDG_CACHE_HOME (cache location).
  --format text|json|markdown|sarif   output format (default: text)
  -o, --output FILE       write the report to FILE instead of standard output
  --verbose               text format: also list findings the policy allows
  --max-file-size SIZE    refuse larger lockfiles (default: 64MB)
  --exclude GLOB          leave out lockfiles under matching paths
                          (repeatable; e.g. test/fixtures, "**/examples/**")
  -q, --quiet             no progress on standard error
  -h, --help              this help

Exit codes: 0 success or warnings, 1 the policy blocks, 2 usage or input
error, 3 internal error.
`;

const INFORMATION_URI = 'https://github.com/chaingate/chaingate';

const options = {
  ...inputOptions,
  base: { type: 'string' },
  head: { type: 'string' },
  repo: { type: 'string' },
  policy: { type: 'string' },
  'org-policy': { type: 'string' },
  advisories: { type: 'string' },
  offline: { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  registry: { type: 'string' },
  'osv-url': { type: 'string' },
  'trusted-root': { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  verbose: { type: 'boolean' },
} as const;

export async function runCheckCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, options, false);
  if (values.help) {
    io.stdout(checkHelp);
    return ExitCode.ok;
  }
  if (positionals.length > 0) throw new UsageError('BAD_ARGUMENT', 'check takes no positional arguments: use --base and --head');
  if (!values.base || !values.head) throw new UsageError('BAD_ARGUMENT', 'check needs both --base and --head (see chaingate check --help)');
  const format = formatFrom(values.format, ['text', 'json', 'markdown', 'sarif'] as const, 'text');
  const limits = limitsFrom(values['max-file-size']);
  const treeIo = values.quiet ? { ...io, interactive: false } : io;
  const repo = values.repo ?? '.';

  const exclude = excludeMatcher(values.exclude);
  const base = await loadTree(values.base, repo, treeIo, limits, exclude);
  const head = await loadTree(values.head, repo, treeIo, limits, exclude);
  const { policy } = await readPolicy({ explicitFile: values.policy, orgFile: values['org-policy'], baseTree: base.files, cwd: io.cwd, limits });
  const ageGates = await readTreeAgeGates(base.files, limits);
  const settings = signalSettingsFrom(policy, ageGates, loadPopularPackages());
  const { sources, unavailable } = await buildFactSources({
    advisoriesPath: values.advisories === undefined ? undefined : resolve(io.cwd, values.advisories),
    offline: values.offline === true,
    cache: values['no-cache'] !== true,
    registry: values.registry,
    osvUrl: values['osv-url'],
    trustedRoot: values['trusted-root'] === undefined ? undefined : resolve(io.cwd, values['trusted-root']),
    env: io.env,
    io: treeIo,
  });
  const [baseGraphs, headGraphs] = alignSingleFiles(base, head);
  const result = await runCheck({ base: baseGraphs, head: headGraphs, policy, settings, sources, unavailable, now: new Date() });

  const meta = { toolVersion: chaingateVersion(), base: base.label, head: head.label, changes: result.diff.summary };
  const report =
    format === 'json'
      ? renderVerdictJson(result.verdict, meta)
      : format === 'sarif'
        ? renderSarif(result.verdict, { toolVersion: meta.toolVersion, informationUri: INFORMATION_URI, lines: await readLockfileLines(head, limits, io.cwd) })
        : format === 'markdown'
          ? renderVerdictMarkdown(result.verdict)
          : renderVerdictText(result.verdict, { showAllowed: values.verbose === true });
  if (values.output) await writeFile(resolve(io.cwd, values.output), report);
  else io.stdout(report);
  return result.verdict.conclusion === 'failure' ? ExitCode.policyFailure : ExitCode.ok;
}
