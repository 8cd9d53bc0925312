import { repositoryOf } from '../check-request.js';
import type { ReleaseHandler } from '../release-request.js';

/** Git refuses longer ref names in practice; a tag is untrusted text that ends up in a file name and a check run. */
const MAX_TAG_LENGTH = 255;

/** `release` published (a release or a pre-release, never a draft): attach the SBOM, check provenance, diff against the previous release. */
export const onRelease: ReleaseHandler = (payload) => {
  const p = payload as {
    action?: string;
    release?: { id?: unknown; tag_name?: unknown; draft?: unknown; published_at?: unknown; upload_url?: unknown };
    repository?: { default_branch?: unknown; html_url?: unknown };
  };
  const repository = repositoryOf(payload);
  const release = p.release;
  const tag = release?.tag_name;
  const branch = p.repository?.default_branch;
  if (p.action !== 'published' || !repository || !release || release.draft === true || typeof release.id !== 'number') return undefined;
  if (typeof tag !== 'string' || tag.length === 0 || tag.length > MAX_TAG_LENGTH || /[\u0000-\u001f\u007f]/u.test(tag)) return undefined;
  if (typeof release.published_at !== 'string' || Number.isNaN(Date.parse(release.published_at))) return undefined;
  if (typeof release.upload_url !== 'string' || typeof branch !== 'string' || branch.length === 0) return undefined;
  const repositoryUrl = p.repository?.html_url;
  if (typeof repositoryUrl !== 'string' || !/^https?:\/\/[^/\s]+\/[^/\s]+\/[^/\s]+$/u.test(repositoryUrl)) return undefined;
  return { ...repository, releaseId: release.id, tag, publishedAt: release.published_at, uploadUrl: release.upload_url, repositoryUrl, defaultBranch: branch, reason: 'release.published' };
};
