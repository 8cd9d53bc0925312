import type { DependencyGraph } from '../core/model.js';
import { buildBom, serializeBom } from '../core/sbom/index.js';

/** GitHub renames asset names with other characters; chaingate picks the name itself so it can find the asset again. */
const UNSAFE = /[^A-Za-z0-9._+-]+/gu;

/** `<repo>-<tag>.cdx.json`, with characters GitHub would rename replaced by `-` (the tag is untrusted text). */
export function releaseSbomName(repo: string, tag: string): string {
  const name = `${repo}-${tag}`.replace(UNSAFE, '-').replace(/^[.-]+|[.-]+$/gu, '');
  return `${name.slice(0, 200)}.cdx.json`;
}

/**
 * The CycloneDX 1.6 JSON SBOM of a release's tag: every lockfile's graph,
 * the repository and tag as the root component, deterministic (no timestamp
 * or serial number), so the same tag always gives the same bytes.
 */
export function renderReleaseSbom(graphs: readonly DependencyGraph[], release: { readonly repo: string; readonly tag: string; readonly toolVersion: string }): { text: string; components: number } {
  const bom = buildBom(graphs, { root: { name: release.repo, version: release.tag }, toolVersion: release.toolVersion, deterministic: true });
  return { text: `${serializeBom(bom, 'json', { space: 2 })}\n`, components: bom.components.size };
}
