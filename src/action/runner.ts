import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { buildFactSources } from '../adapters/fact-sources.js';
import { writeOutput } from '../adapters/fs/write-output.js';
import { assertUnchangedByHead, gitRevision } from '../adapters/git/git-repo.js';
import { loadPopularPackages } from '../adapters/popular-packages.js';
import { chaingateVersion } from '../adapters/version.js';
import { checkTrees } from '../core/check/check-trees.js';
import { ConfigError, ParseError, UsageError } from '../core/errors.js';
import { DEFAULT_LIMITS } from '../core/limits.js';
import type { RepoFiles } from '../core/ports.js';
import { repositoryPolicy } from '../core/policy/index.js';
import { renderDiffJson } from '../core/report/diff-json.js';
import { renderSarif } from '../core/report/sarif-render.js';
import { renderVerdictJson } from '../core/report/verdict-json.js';
import { plainText } from '../core/report/verdict-plain.js';
import { buildBom, serializeBom } from '../core/sbom/index.js';
import { ecosystemReader } from '../ecosystems/reader.js';
import { mergeReview, readConfigFile } from './config-file.js';
import type { ActionEnvironment } from './environment.js';
import { resolveRevisions, type Revisions } from './event.js';
import { policyLayerFromInputs } from './input-policy.js';
import { readInputs } from './inputs.js';
import { safeLogText } from './log-text.js';
import { errorSummary, publishAnnotations, renderWithinBytes, SUMMARY_LIMIT_BYTES } from './publish.js';
import { COMMENT_FRAMING, ensureStickyComment, MAX_COMMENT_LENGTH, planComment } from '../adapters/github/sticky-comment.js';

const INFORMATION_URI = 'https://github.com/chaingate/chaingate';

/**
 * One run of the Action: read the inputs and the event, judge the head
 * against the base with the same engine as `chaingate check`, publish the
 * summary, annotations, files, comment and outputs, and fail the step when
 * the policy blocks (unless warn-only). Never throws: a failure to run is one
 * line in the log and the job summary, and a failed step.
 */
export async function runAction(environment: ActionEnvironment): Promise<void> {
  try {
    await judgeAndPublish(environment);
  } catch (error) {
    const message = describeError(error);
    try {
      await environment.runner.appendSummary(errorSummary(message));
    } catch {
      // No summary file (not on a runner): the failed step still says why.
    }
    environment.runner.setFailed(message);
  }
}

async function judgeAndPublish(environment: ActionEnvironment): Promise<void> {
  const { runner, env } = environment;
  const inputs = readInputs((name) => runner.getInput(name));
  if (inputs.token) runner.setSecret(inputs.token);
  const workspace = resolve(environment.cwd, env.GITHUB_WORKSPACE || '.');
  const revisions = resolveRevisions({
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload: await readPayload(env.GITHUB_EVENT_PATH),
    sha: env.GITHUB_SHA,
    baseRef: inputs.baseRef,
    headRef: inputs.headRef,
  });
  const limits = DEFAULT_LIMITS;
  const head = await openRevision(workspace, revisions, 'head');
  const base = revisions.base === undefined ? undefined : await openRevision(workspace, revisions, 'base');
  // The policy and settings come from the base (or the scanned ref itself), never from a PR head.
  const trusted = base ?? head;

  let { review, warnOnly, commentMode } = inputs;
  if (inputs.configFile) {
    const file = await readConfigFile(trusted, inputs.configFile);
    review = mergeReview(review, file.review);
    warnOnly = file.warnOnly ?? warnOnly;
    commentMode = file.commentMode ?? commentMode;
  }
  const repository = repositoryOf(env.GITHUB_REPOSITORY);
  const wantsComment = commentMode !== 'never' && revisions.pullRequest !== undefined;
  if (wantsComment && !inputs.token) {
    throw new UsageError('BAD_ARGUMENT', `comment-summary-in-pr is ${commentMode} but github-token is empty: pass github-token: \${{ github.token }} (with permissions: pull-requests: write) or set comment-summary-in-pr: never`);
  }
  if (wantsComment && !repository) throw new UsageError('BAD_ARGUMENT', 'GITHUB_REPOSITORY is not set (owner/name): cannot comment on the pull request');

  // The advisories are facts the verdict rests on: a pull request must not delete, empty or plant them.
  const advisoriesPath = inputs.advisories === undefined ? undefined : resolve(workspace, inputs.advisories);
  if (advisoriesPath !== undefined && revisions.base !== undefined) {
    await assertUnchangedByHead(workspace, { base: revisions.base, head: revisions.head }, advisoriesPath, 'the advisories input');
  }
  const now = environment.now();
  const { diff, verdict, baseGraphs, headGraphs, lines } = await checkTrees({
    base: base ? { files: base } : undefined,
    head: { files: head },
    settingsTree: trusted,
    policy: { repository: repositoryPolicy(trusted, 'base', inputs.policy), inputs: policyLayerFromInputs(review) },
    lockfiles: ecosystemReader,
    facts: () =>
      buildFactSources({
        advisoriesPath,
        offline: advisoriesPath !== undefined,
        cache: false,
        env,
        onProgress: (event) => {
          if (event.kind === 'warning') runner.annotate('warning', safeLogText(event.message));
        },
      }),
    popularPackages: loadPopularPackages(),
    limits,
    now,
  });

  const toolVersion = chaingateVersion();
  const { block, warn, allow } = verdict.counts;
  const what = revisions.mode === 'scan' ? `everything at ${revisions.head}` : `${revisions.base} → ${revisions.head}`;
  for (const graph of headGraphs) {
    for (const w of graph.warnings) runner.info(`chaingate: warning: ${safeLogText(graph.path)}: ${safeLogText(w.from)} → ${safeLogText(w.reference)}: ${safeLogText(w.message)}`);
  }
  runner.info(`chaingate ${safeLogText(toolVersion)}: ${verdict.conclusion}: ${block} blocked, ${warn} warned, ${allow} allowed; ${diff.changes.length} dependency changes in ${headGraphs.length} lockfiles (${safeLogText(what)})`);

  const verdictJson = JSON.parse(renderVerdictJson(verdict, { toolVersion, base: revisions.base, head: revisions.head, changes: diff.summary })) as { findings: unknown[] };
  const changesJson = JSON.parse(
    renderDiffJson({ base: revisions.base ?? '', head: revisions.head, lockfiles: { base: baseGraphs.map((g) => g.path), head: headGraphs.map((g) => g.path) }, result: diff }),
  ) as { changes: unknown[] };

  let sarifPath: string | undefined;
  if (inputs.sarifFile) {
    sarifPath = resolve(workspace, inputs.sarifFile);
    await writeOutput(sarifPath, renderSarif(verdict, { toolVersion, informationUri: INFORMATION_URI, lines }));
  }
  let sbomPath: string | undefined;
  if (inputs.sbomFile) {
    sbomPath = resolve(workspace, inputs.sbomFile);
    const root = { name: repository ? repository.repo : basename(workspace) };
    const bom = buildBom(headGraphs, { root, toolVersion, deterministic: false, timestamp: now, serialNumber: `urn:uuid:${randomUUID()}` });
    await writeOutput(sbomPath, serializeBom(bom, 'json'));
  }

  await runner.appendSummary(renderWithinBytes(verdict, SUMMARY_LIMIT_BYTES));
  const annotations = publishAnnotations(runner, verdict, lines);
  if (annotations.total > annotations.shown) {
    runner.info(`chaingate: ${annotations.total - annotations.shown} more findings are not annotated; the job summary and the SARIF file list them all`);
  }

  const commentReport = renderWithinBytes(verdict, MAX_COMMENT_LENGTH - COMMENT_FRAMING);
  const plan = planComment({ mode: commentMode === 'always' ? 'always' : 'on-failure', failure: verdict.conclusion === 'failure', report: commentReport, headSha: revisions.head });
  let commentContent = plan(undefined) ?? commentReport;
  if (wantsComment && repository && inputs.token) {
    const comments = environment.issueComments({ token: inputs.token, baseUrl: env.GITHUB_API_URL || 'https://api.github.com', userAgent: `chaingate-action/${toolVersion}` });
    try {
      const result = await ensureStickyComment(comments, { ...repository, issueNumber: revisions.pullRequest! }, plan);
      if (result.body) commentContent = result.body;
      runner.info(`chaingate: pull request comment ${result.action}`);
    } catch (error) {
      // The verdict stands without the comment (a fork's read-only token cannot write); say how to fix it.
      runner.annotate('warning', `chaingate could not write the pull request comment (${describeError(error)}): give the job permissions: pull-requests: write, or set comment-summary-in-pr: never`);
    }
  }

  runner.setOutput('conclusion', verdict.conclusion);
  runner.setOutput('blocked-count', String(block));
  runner.setOutput('warned-count', String(warn));
  runner.setOutput('findings', JSON.stringify(verdictJson.findings));
  runner.setOutput('changes', JSON.stringify(changesJson.changes));
  runner.setOutput('sbom-file', sbomPath ?? '');
  runner.setOutput('sarif-file', sarifPath ?? '');
  runner.setOutput('comment-content', commentContent);

  if (verdict.conclusion !== 'failure') return;
  const headline = block > 0 ? `${block} blocking finding${block === 1 ? '' : 's'}` : 'facts needed to judge the change were unavailable';
  if (warnOnly) runner.annotate('warning', `chaingate: the policy blocks this change (${headline}), but warn-only is set`);
  else runner.setFailed(`chaingate: the policy blocks this change: ${headline} (see the job summary)`);
}

/** A revision as a tree of git objects: nothing is checked out, so PR code is never written or run. */
async function openRevision(workspace: string, revisions: Revisions, role: 'base' | 'head'): Promise<RepoFiles> {
  const revision = (role === 'base' ? revisions.base : revisions.head)!;
  try {
    return await gitRevision(workspace, revision);
  } catch (error) {
    if (!(error instanceof UsageError) || (error.code !== 'NOT_FOUND' && error.code !== 'SHALLOW_CLONE')) throw error;
    if (error.code === 'SHALLOW_CLONE') throw new UsageError('SHALLOW_CLONE', `the ${role} commit ${error.message}`, { cause: error });
    if (role === 'head' && revisions.untrustedHead) {
      throw new UsageError(
        'NOT_FOUND',
        `the pull request's head commit ${revision} is not in the repository: after actions/checkout (fetch-depth: 0), fetch it without checking it out: git fetch --no-tags origin +refs/pull/${revisions.pullRequest ?? 'NUMBER'}/head`,
        { cause: error },
      );
    }
    throw new UsageError('NOT_FOUND', `the ${role} commit ${error.message} Use actions/checkout with fetch-depth: 0 so both commits are present.`, { cause: error });
  }
}

async function readPayload(path: string | undefined): Promise<unknown> {
  if (!path) return {};
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (cause) {
    throw new UsageError('NOT_FOUND', `cannot read the event payload at GITHUB_EVENT_PATH (${path}): set base-ref and head-ref`, { cause });
  }
}

function repositoryOf(value: string | undefined): { owner: string; repo: string } | undefined {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/u.exec(value ?? '');
  return match ? { owner: match[1]!, repo: match[2]! } : undefined;
}

/** One line, control characters removed, for the log, the summary and setFailed. */
function describeError(error: unknown): string {
  if (error instanceof ParseError && error.code === 'TOO_LARGE' && error.limit === DEFAULT_LIMITS.maxBytes) {
    // The Action has no input for this limit; the CLI's --max-file-size does not apply here.
    return plainText(`${error.message} (the Action reads lockfiles up to this size; for a larger one run the chaingate CLI with --max-file-size)`, 2000);
  }
  if (error instanceof ParseError || error instanceof ConfigError || error instanceof UsageError) return plainText(error.message, 2000);
  if (error instanceof Error && 'status' in error && typeof error.status === 'number') {
    return plainText(`GitHub API answered HTTP ${error.status}: ${error.message}`, 500);
  }
  return plainText(`internal error: ${error instanceof Error ? error.message : String(error)}`, 2000);
}
