import type { Verifier } from '@sigstore/verify';
import {
  githubCheckRuns,
  githubCommitFiles,
  type GitHubRequester,
  listReleaseAssets,
  MAX_CHECK_SUMMARY,
  previousRelease,
  type RepoRef,
  resolveCommit,
  statusOf,
  uploadReleaseAsset,
} from '../adapters/github/index.js';
import { diffRepositories } from '../core/diff/index.js';
import type { Limits } from '../core/limits.js';
import type { DependencyGraph } from '../core/model.js';
import type { RepoFiles } from '../core/ports.js';
import { readPolicy } from '../core/policy/index.js';
import { escapeMarkdown } from '../core/report/escape-markdown.js';
import { readLockfiles } from '../ecosystems/reader.js';
import { RELEASE_CHECK_NAME } from './check-name.js';
import { basePolicyLayers } from './read-base-policy.js';
import { checkAssetsProvenance } from './release-provenance.js';
import type { ReleaseRequest } from './release-request.js';
import { releaseSbomName, renderReleaseSbom } from './release-sbom.js';
import { releaseConclusion, type ReleaseReport, releaseTitle, renderReleaseSummary, type SbomOutcome } from './release-summary.js';
import { type CheckAttempt, describeFailure, isTransient } from './run-check-request.js';

export interface ReleaseDependencies {
  readonly clientFor: (installationId: number) => Promise<GitHubRequester>;
  /** Sigstore verification against the trusted root (the shipped public-good root, or CHAINGATE_TRUSTED_ROOT). */
  readonly verifier: Verifier;
  /** Where release assets are uploaded on this GitHub (see uploadsRootFor). */
  readonly uploadsRoot: string;
  readonly limits: Limits;
  readonly now: () => Date;
  readonly toolVersion: string;
}

export type ReleaseOutcome =
  /** `sha`: the tag's commit, for the inventory snapshot. */
  | { readonly conclusion: 'success' | 'failure' | 'neutral'; readonly sha: string }
  /** The tag no longer names a commit (deleted since the release was published): nothing to check. */
  | { readonly conclusion: 'tag-missing' };

/**
 * Works one published release, every step an "ensure" so a redelivery or a
 * retry changes nothing: the `chaingate/release` check run on the tag's
 * commit (found by name and external id before it is created); the SBOM of
 * the tag attached as `<repo>-<tag>.cdx.json` unless an asset of that name
 * is there; each other asset's provenance verified; the dependency diff
 * against the previous published release. The policy is read from the
 * default branch, which a tag pushed anywhere cannot change. Failures are
 * handled as the pull-request check handles them: transient ones are thrown
 * for the queue to retry, the rest (or the last attempt) complete the run
 * `neutral` with the reason.
 */
export async function runReleaseRequest(deps: ReleaseDependencies, request: ReleaseRequest, attempt: CheckAttempt): Promise<ReleaseOutcome> {
  const client = await deps.clientFor(request.installationId);
  const repository = { owner: request.owner, repo: request.repo };
  let sha: string;
  try {
    sha = await resolveCommit(client, repository, `refs/tags/${request.tag}`);
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 422) return { conclusion: 'tag-missing' };
    throw error;
  }
  const checks = githubCheckRuns(client, RELEASE_CHECK_NAME, deps.now, { exactExternalId: true });
  const run = await checks.start(repository, sha, `${RELEASE_CHECK_NAME}:${request.tag}`.slice(0, 255));
  try {
    const report = await buildReport(deps, client, request, sha);
    const conclusion = releaseConclusion(report);
    await checks.complete(run, { conclusion, title: releaseTitle(report), summary: renderReleaseSummary(report, MAX_CHECK_SUMMARY) });
    return { conclusion, sha };
  } catch (error) {
    if (!attempt.last && isTransient(error)) throw error;
    await checks.complete(run, {
      conclusion: 'neutral',
      title: 'chaingate could not check this release',
      summary: `### ⚠️ ${RELEASE_CHECK_NAME} could not check this release\n\n${escapeMarkdown(describeFailure(error), 4000)}\n\nUse **Re-run** once the cause is fixed.\n`,
    });
    return { conclusion: 'neutral', sha };
  }
}

async function buildReport(deps: ReleaseDependencies, client: GitHubRequester, request: ReleaseRequest, sha: string): Promise<ReleaseReport> {
  const repository = { owner: request.owner, repo: request.repo };
  const policy = await basePolicyLayers({ client, repository, base: githubCommitFiles(client, repository, request.defaultBranch) }).then((layers) => readPolicy(layers));
  const { require: required, builders } = policy.policy.settings.releaseProvenance;
  const graphs = await graphsOf(githubCommitFiles(client, repository, sha), deps.limits);
  const assets = await listReleaseAssets(client, repository, request.releaseId);
  const sbomName = releaseSbomName(request.repo, request.tag);
  const sbom = await ensureSbom(deps, client, request, graphs, sbomName, assets.find((a) => a.name === sbomName)?.state);
  const others = assets.filter((a) => a.name !== sbomName);
  const provenance = await checkAssetsProvenance({ client, repository, tag: request.tag, builders, verifier: deps.verifier, repositoryUrl: request.repositoryUrl }, others);
  const previous = await previousRelease(client, repository, { id: request.releaseId, publishedAt: request.publishedAt });
  const diff = previous ? diffRepositories(await graphsOf(githubCommitFiles(client, repository, await resolveCommit(client, repository, `refs/tags/${previous.tag}`)), deps.limits), graphs) : undefined;
  return {
    tag: request.tag,
    sbom,
    provenance,
    uncheckedAssets: others.length - provenance.length,
    required,
    builders,
    previous: previous && diff ? { tag: previous.tag, diff } : undefined,
  };
}

/** Attaches the SBOM unless an asset of its name is there (`existing` is its state); a token without `contents: write` is reported, not retried. */
async function ensureSbom(deps: ReleaseDependencies, client: GitHubRequester, request: ReleaseRequest, graphs: readonly DependencyGraph[], name: string, existing: string | undefined): Promise<SbomOutcome> {
  if (graphs.length === 0) return { status: 'skipped', reason: `no lockfile at ${request.tag}` };
  const sbom = renderReleaseSbom(graphs, { repo: request.repo, tag: request.tag, toolVersion: deps.toolVersion });
  const counts = { name, components: sbom.components, lockfiles: graphs.length };
  // An upload GitHub left unfinished (state `starter` or `open`) keeps its name: say so rather than upload beside it.
  if (existing !== undefined && existing !== 'uploaded') return { status: 'skipped', reason: `an earlier upload of ${name} did not finish (state ${existing}): delete that asset and use Re-run` };
  if (existing !== undefined) return { status: 'present', ...counts };
  const bytes = new TextEncoder().encode(sbom.text);
  const repository: RepoRef = { owner: request.owner, repo: request.repo };
  try {
    await uploadReleaseAsset(client, { uploadUrl: request.uploadUrl, uploadsRoot: deps.uploadsRoot, repository, releaseId: request.releaseId }, { name, contentType: 'application/vnd.cyclonedx+json', bytes });
  } catch (error) {
    if (statusOf(error) !== 403) throw error;
    return { status: 'skipped', reason: 'GitHub refused the upload (403): the App needs the contents: write permission to attach release assets' };
  }
  return { status: 'attached', ...counts };
}

async function graphsOf(files: RepoFiles, limits: Limits): Promise<DependencyGraph[]> {
  return (await readLockfiles(files, { limits })).map((read) => read.graph);
}
