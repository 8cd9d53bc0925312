import type { RepositoryRequest } from './check-request.js';

/** What a published release asks for: its SBOM attached, its assets' provenance checked, its diff against the previous release. */
export interface ReleaseRequest extends RepositoryRequest {
  readonly releaseId: number;
  readonly tag: string;
  /** ISO time; the previous release is the one published last before it. */
  readonly publishedAt: string;
  /** The payload's `upload_url` (an RFC 6570 template), checked before any upload. */
  readonly uploadUrl: string;
  /** The repository's web URL (`html_url`): the build source its assets' provenance must name. */
  readonly repositoryUrl: string;
  /** Whose policy judges the release: `.github/chaingate.yml` on this branch. */
  readonly defaultBranch: string;
}

/** Turns a `release` payload into what to do, or `undefined` for nothing. */
export type ReleaseHandler = (payload: unknown) => ReleaseRequest | undefined;
