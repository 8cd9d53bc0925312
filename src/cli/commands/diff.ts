import { UsageError } from '../../core/errors.js';
import { diffRepositories } from '../../core/diff/index.js';
import { renderDiffJson } from '../../core/report/diff-json.js';
import { renderDiffMarkdown } from '../../core/report/diff-markdown.js';
import { renderDiffText } from '../../core/report/diff-text.js';
import { excludeMatcher } from '../../shell/exclude.js';
import { type CliIo, ExitCode } from '../io.js';
import { alignSingleFiles, loadTree } from '../load-tree.js';
import { formatFrom, inputOptions, limitsFrom, parseCommandArgs } from '../options.js';

export const diffHelp = `Usage: chaingate diff --base REF_OR_FILE --head REF_OR_FILE [options]

Compares the dependencies of two trees: every lockfile at two git revisions
(read from git's object store, nothing is checked out), two directories, or
two lockfile / SBOM files. Reports packages added, removed, upgraded,
downgraded, and changed (same version, different integrity or source), each
with direct/transitive, workspaces and the path that brings it in.

Options:
  --base REF_OR_FILE      the tree before (e.g. origin/main, HEAD~1, old.json)
  --head REF_OR_FILE      the tree after (e.g. HEAD, package-lock.json)
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
  if (!values.base || !values.head) throw new UsageError('BAD_ARGUMENT', 'diff needs both --base and --head (see chaingate diff --help)');
  const format = formatFrom(values.format, ['text', 'json', 'markdown'] as const, 'text');
  const limits = limitsFrom(values['max-file-size']);
  const quietIo = values.quiet ? { ...io, interactive: false } : io;
  const repo = values.repo ?? '.';
  const exclude = excludeMatcher(values.exclude);
  const base = await loadTree(values.base, repo, quietIo, limits, exclude);
  const head = await loadTree(values.head, repo, quietIo, limits, exclude);
  const [baseGraphs, headGraphs] = alignSingleFiles(base, head);
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
