import { UsageError } from '../../core/errors.js';
import { diffRepositories } from '../../core/diff/index.js';
import { renderDiffJson } from '../../core/report/diff-json.js';
import { renderDiffMarkdown } from '../../core/report/diff-markdown.js';
import { renderDiffText } from '../../core/report/diff-text.js';
import { excludeMatcher } from '../exclude.js';
import { type CliIo, ExitCode, printGraphWarnings, progressTo } from '../io.js';
import { alignSingleFiles } from '../../core/check/read-side.js';
import { readSideGraphs, resolveSide, type TreeArgument } from '../load-tree.js';
import { formatFrom, inputOptions, limitsFrom, parseCommandArgs } from '../options.js';
import { withSizeKnob } from '../size-knob.js';

export const diffHelp = `Usage: chaingate diff --base REF_OR_FILE --head REF_OR_FILE [options]

Compares the dependencies of two trees: every lockfile at two git revisions
(read from git's object store, nothing is checked out), two directories, or
two lockfile / SBOM files. Reports packages added, removed, upgraded,
downgraded, and changed (same version, different integrity or source), each
with direct/transitive, workspaces and the path that brings it in.

Options:
  --base REF_OR_FILE      the tree before (e.g. origin/main, HEAD~1, old.json);
                          a name that is both a revision and a path in the
                          working tree is refused (use REF^{commit} or
                          --base-file)
  --head REF_OR_FILE      the tree after (e.g. HEAD, package-lock.json)
  --base-file PATH        the tree before is this lockfile, SBOM or directory
  --head-file PATH        the tree after is this lockfile, SBOM or directory
  --repo DIR              git repository the revisions belong to (default: .)
  --format text|json|markdown   output format (default: text)
  --max-file-size SIZE    refuse larger lockfiles (default: 64MB)
  --exclude GLOB          leave out lockfiles under matching paths
                          (repeatable; e.g. test/fixtures, "**/examples/**")
  -q, --quiet             no progress on standard error
  -h, --help              this help

Exit codes: 0 compared (changes or not), 2 usage or input error.
`;

const options = {
  ...inputOptions,
  base: { type: 'string' },
  head: { type: 'string' },
  'base-file': { type: 'string' },
  'head-file': { type: 'string' },
  repo: { type: 'string' },
  format: { type: 'string' },
} as const;

export async function runDiff(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, options, false);
  if (values.help) {
    io.stdout(diffHelp);
    return ExitCode.ok;
  }
  if (positionals.length > 0) throw new UsageError('BAD_ARGUMENT', 'diff takes no positional arguments: use --base and --head');
  const baseArgument = sideArgument('base', values.base, values['base-file']);
  const headArgument = sideArgument('head', values.head, values['head-file']);
  const format = formatFrom(values.format, ['text', 'json', 'markdown'] as const, 'text');
  const limits = limitsFrom(values['max-file-size']);
  const quietIo = values.quiet ? { ...io, interactive: false } : io;
  const repo = values.repo ?? '.';
  const exclude = excludeMatcher(values.exclude);
  const onProgress = progressTo(quietIo);
  const base = await resolveSide(baseArgument, repo, io);
  const head = await resolveSide(headArgument, repo, io);
  const [baseGraphs, headGraphs] = await withSizeKnob(limits, async () =>
    alignSingleFiles(base.side, head.side, await readSideGraphs(base, limits, exclude, onProgress), await readSideGraphs(head, limits, exclude, onProgress)),
  );
  printGraphWarnings(io, [...baseGraphs, ...headGraphs]);
  const result = diffRepositories(baseGraphs, headGraphs);
  if (format === 'json') {
    io.stdout(renderDiffJson({ base: base.label, head: head.label, lockfiles: { base: baseGraphs.map((g) => g.path), head: headGraphs.map((g) => g.path) }, result }));
  } else if (format === 'markdown') {
    io.stdout(renderDiffMarkdown(result));
  } else {
    io.stdout(renderDiffText(result));
  }
  return ExitCode.ok;
}

/** `--base X` (a revision or a path) or `--base-file X` (a path), exactly one of them. */
function sideArgument(role: 'base' | 'head', either: string | undefined, path: string | undefined): TreeArgument {
  if (either !== undefined && path !== undefined) throw new UsageError('BAD_ARGUMENT', `give --${role} or --${role}-file, not both`);
  if (path !== undefined) return { value: path, flag: `--${role}-file`, accepts: 'path' };
  if (either !== undefined) return { value: either, flag: `--${role}`, accepts: 'either' };
  throw new UsageError('BAD_ARGUMENT', 'diff needs both --base and --head (or --base-file / --head-file; see chaingate diff --help)');
}
