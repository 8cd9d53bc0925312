import { relative, resolve } from 'node:path';
import { buildFactSources } from '../../adapters/fact-sources.js';
import { assertUnchangedByHead } from '../../adapters/git/git-repo.js';
import { loadPopularPackages } from '../../adapters/popular-packages.js';
import { chaingateVersion } from '../../adapters/version.js';
import { checkTrees } from '../../core/check/check-trees.js';
import { UsageError } from '../../core/errors.js';
import { repositoryPolicy } from '../../core/policy/index.js';
import { renderSarif } from '../../core/report/sarif-render.js';
import { renderVerdictJson } from '../../core/report/verdict-json.js';
import { renderVerdictMarkdown } from '../../core/report/verdict-markdown.js';
import { renderVerdictText } from '../../core/report/verdict-text.js';
import { ecosystemReader } from '../../ecosystems/reader.js';
import { excludeMatcher } from '../exclude.js';
import { withIncidents } from '../incident-gate.js';
import { policyFileOnDisk } from '../policy-file.js';
import { type CliIo, ExitCode, printGraphWarnings, progressTo } from '../io.js';
import { type LoadedSide, resolveSide, type TreeArgument } from '../load-tree.js';
import { formatFrom, inputOptions, limitsFrom, parseCommandArgs } from '../options.js';
import { writeOutput } from '../../adapters/fs/write-output.js';
import { withSizeKnob } from '../size-knob.js';

export const checkHelp = `Usage: chaingate check --base REF_OR_FILE --head REF_OR_FILE [options]

Judges every dependency the head brings in (direct and transitive) against
advisories, malware, install scripts, provenance, release age, typosquats,
licences and sources, and applies the policy: exit 1 when it blocks.

The policy and package-manager settings are read from the BASE side
(.github/chaingate.yml at --base), never from the head under review.

Options:
  --base REF_OR_FILE      the tree before (e.g. origin/main, a lockfile); a
                          name that is both a revision and a path in the
                          working tree is refused (use REF^{commit} or
                          --base-file)
  --head REF_OR_FILE      the tree after (e.g. HEAD)
  --base-file PATH        the tree before is this lockfile, SBOM or directory
  --head-file PATH        the tree after is this lockfile, SBOM or directory
  --repo DIR              git repository the revisions belong to (default: .)
  --policy FILE           policy file to use instead of the base's
                          .github/chaingate.yml (default: built-in default)
  --org-policy FILE       organisation defaults, below the repository policy
  --advisories PATH       offline OSV advisories: a directory of OSV JSON
                          records or an OSV all.zip export (refused when it is
                          in the repository and the head changes it, as is
                          --policy / --org-policy)
  --offline               no network: only --advisories is consulted
  --no-cache              do not keep fetched answers on disk
  --registry URL          npm registry for metadata, advisories and
                          attestations (default: https://registry.npmjs.org)
  --osv-url URL           OSV API to ask (default: https://api.osv.dev)
  --trusted-root FILE     Sigstore trusted_root.json for provenance (default:
                          the public-good root shipped with chaingate)
  --store DIR             also fail on the open incidents of this embedded
                          store (chaingate respond), as the action matrix
                          says; DATABASE_URL selects PostgreSQL instead
  --incidents             the same with the default store (CHAINGATE_STORE,
                          DATABASE_URL, or the user's data directory)
  --format text|json|markdown|sarif   output format (default: text)
  -o, --output FILE       write the report to FILE instead of standard output
  --verbose               text format: also list findings the policy allows
  --max-file-size SIZE    refuse larger lockfiles (default: 64MB)
  --exclude GLOB          leave out lockfiles under matching paths
                          (repeatable; e.g. test/fixtures, "**/examples/**")
  -q, --quiet             no progress on standard error
  -h, --help              this help

Environment: GITHUB_TOKEN or GH_TOKEN (raises GitHub's rate limit),
GITHUB_API_URL (GitHub Enterprise Server), XDG_CACHE_HOME (cache location).

Exit codes: 0 success or warnings, 1 the policy blocks, 2 usage or input
error, 3 internal error.
`;

const INFORMATION_URI = 'https://github.com/chaingate/chaingate';

const options = {
  ...inputOptions,
  base: { type: 'string' },
  head: { type: 'string' },
  'base-file': { type: 'string' },
  'head-file': { type: 'string' },
  repo: { type: 'string' },
  policy: { type: 'string' },
  'org-policy': { type: 'string' },
  advisories: { type: 'string' },
  offline: { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  registry: { type: 'string' },
  'osv-url': { type: 'string' },
  'trusted-root': { type: 'string' },
  store: { type: 'string' },
  incidents: { type: 'boolean' },
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
  const baseArgument = sideArgument('base', values.base, values['base-file']);
  const headArgument = sideArgument('head', values.head, values['head-file']);
  const format = formatFrom(values.format, ['text', 'json', 'markdown', 'sarif'] as const, 'text');
  const limits = limitsFrom(values['max-file-size']);
  const treeIo = values.quiet ? { ...io, interactive: false } : io;
  const repo = values.repo ?? '.';
  const onProgress = progressTo(treeIo);

  return withSizeKnob(limits, async () => {
    const base = await resolveSide(baseArgument, repo, io);
    const head = await resolveSide(headArgument, repo, io);
    const local = (path: string | undefined) => (path === undefined ? undefined : resolve(io.cwd, path));
    const [policyFile, orgPolicyFile, advisoriesPath, trustedRoot] = [local(values.policy), local(values['org-policy']), local(values.advisories), local(values['trusted-root'])];
    await refuseHeadControlled(base, head, [
      ['--policy', policyFile],
      ['--org-policy', orgPolicyFile],
      ['--advisories', advisoriesPath],
      ['--trusted-root', trustedRoot],
    ]);
    const result = await checkTrees({
      base: base.side,
      head: head.side,
      settingsTree: base.tree,
      policy: {
        organisation: orgPolicyFile === undefined ? undefined : policyFileOnDisk(orgPolicyFile),
        repository: policyFile !== undefined ? policyFileOnDisk(policyFile) : base.tree ? repositoryPolicy(base.tree, 'base') : undefined,
      },
      lockfiles: ecosystemReader,
      facts: async () =>
        withIncidents(
          await buildFactSources({
            advisoriesPath,
            offline: values.offline === true,
            cache: values['no-cache'] !== true,
            registry: values.registry,
            osvUrl: values['osv-url'],
            trustedRoot,
            env: io.env,
            onProgress,
          }),
          values,
          io,
        ),
      popularPackages: loadPopularPackages(),
      limits,
      exclude: excludeMatcher(values.exclude),
      now: new Date(),
      onProgress,
    });
    printGraphWarnings(io, [...result.baseGraphs, ...result.headGraphs]);

    const meta = { toolVersion: chaingateVersion(), base: base.label, head: head.label, changes: result.diff.summary };
    const report =
      format === 'json'
        ? renderVerdictJson(result.verdict, meta)
        : format === 'sarif'
          ? renderSarif(result.verdict, { toolVersion: meta.toolVersion, informationUri: INFORMATION_URI, lines: result.lines })
          : format === 'markdown'
            ? renderVerdictMarkdown(result.verdict)
            : renderVerdictText(result.verdict, { showAllowed: values.verbose === true });
    if (values.output) await writeOutput(resolve(io.cwd, values.output), report);
    else io.stdout(report);
    return result.verdict.conclusion === 'failure' ? ExitCode.policyFailure : ExitCode.ok;
  });
}

/** `--base X` (a revision or a path) or `--base-file X` (a path), exactly one of them. */
function sideArgument(role: 'base' | 'head', either: string | undefined, path: string | undefined): TreeArgument {
  if (either !== undefined && path !== undefined) throw new UsageError('BAD_ARGUMENT', `give --${role} or --${role}-file, not both`);
  if (path !== undefined) return { value: path, flag: `--${role}-file`, accepts: 'path' };
  if (either !== undefined) return { value: either, flag: `--${role}`, accepts: 'either' };
  throw new UsageError('BAD_ARGUMENT', `check needs both --base and --head (or --base-file / --head-file; see chaingate check --help)`);
}

/**
 * When the base is a revision and the head is a revision of the same
 * repository or a folder of its working tree, the files that decide the
 * verdict must not be ones the head changes.
 */
async function refuseHeadControlled(base: LoadedSide, head: LoadedSide, paths: readonly [string, string | undefined][]): Promise<void> {
  if (!base.revision) return;
  const repo = base.revision.repo;
  const headInRepo = head.revision ? head.revision.repo === repo : head.rootDir !== undefined && !relative(repo, head.rootDir).startsWith('..');
  if (!headInRepo) return;
  for (const [flag, path] of paths) {
    if (path !== undefined) await assertUnchangedByHead(repo, { base: base.revision.name, head: head.revision?.name }, path, flag);
  }
}
