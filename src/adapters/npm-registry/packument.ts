import type { PackageMetadata, TrustLevel, VersionMetadata } from '../../core/facts.js';

/**
 * Turns a full packument (`GET /<name>`, `Accept: application/json`) into
 * PackageMetadata. Returns `undefined` when the document is not a packument
 * of `name` (no `versions` object, another name). Odd versions (not objects)
 * are skipped; odd fields read as absent.
 */
export function toPackageMetadata(name: string, document: unknown): PackageMetadata | undefined {
  if (!isObject(document) || !isObject(document['versions'])) return undefined;
  if (typeof document['name'] === 'string' && document['name'] !== name) return undefined;
  const time = isObject(document['time']) ? document['time'] : {};
  const versions = new Map<string, VersionMetadata>();
  for (const [version, manifest] of Object.entries(document['versions'])) {
    if (isObject(manifest)) versions.set(version, toVersionMetadata(version, manifest, time[version]));
  }
  const latest = isObject(document['dist-tags']) ? document['dist-tags']['latest'] : undefined;
  const latestManifest = typeof latest === 'string' ? document['versions'][latest] : undefined;
  return {
    ecosystem: 'npm',
    name,
    versions,
    // The registry copies the latest version's `repository` to the top level; mirrors may not.
    repository: repositoryUrl(document['repository']) ?? (isObject(latestManifest) ? repositoryUrl(latestManifest['repository']) : undefined),
    maintainers: accountNames(document['maintainers']),
  };
}

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;

function toVersionMetadata(version: string, manifest: Record<string, unknown>, published: unknown): VersionMetadata {
  const dist = isObject(manifest['dist']) ? manifest['dist'] : {};
  const publishedAt = typeof published === 'string' ? new Date(published) : undefined;
  return {
    version,
    publishedAt: publishedAt && !Number.isNaN(publishedAt.getTime()) ? publishedAt : undefined,
    // npm un-deprecates by publishing an empty message.
    deprecated: typeof manifest['deprecated'] === 'string' && manifest['deprecated'] !== '' ? manifest['deprecated'] : undefined,
    installScripts: installScripts(manifest),
    trust: trustOf(manifest, dist),
    integrity: typeof dist['integrity'] === 'string' ? dist['integrity'] : undefined,
    publishedBy: isObject(manifest['_npmUser']) && typeof manifest['_npmUser']['name'] === 'string' ? manifest['_npmUser']['name'] : undefined,
    dependencies: dependencyRanges(manifest['dependencies']),
  };
}

/** String-valued entries of a `dependencies` object; anything else reads as absent. */
function dependencyRanges(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [name, range] of Object.entries(value)) if (typeof range === 'string') out[name] = range;
  return out;
}

/**
 * `preinstall` / `install` / `postinstall`, plus the implicit `install` npm
 * runs for a package with a `binding.gyp` and no install script of its own
 * (`node-gyp rebuild`): npm records that file's presence at publish time as
 * `gypfile: true` in the manifest (@npmcli/package-json normalisation).
 */
function installScripts(manifest: Record<string, unknown>): string[] {
  const scripts = isObject(manifest['scripts']) ? manifest['scripts'] : {};
  const present = INSTALL_SCRIPTS.filter((name) => typeof scripts[name] === 'string' && (scripts[name] as string).trim() !== '');
  const implicitGyp = manifest['gypfile'] === true && !present.includes('install') && !present.includes('preinstall');
  return implicitGyp ? [...INSTALL_SCRIPTS.filter((name) => present.includes(name) || name === 'install')] : [...present];
}

/*
 * The trust ladder from packument fields:
 * - `trusted-publisher`: `versions[v]._npmUser.trustedPublisher` is set — an
 *   object `{ id: "github", oidcConfigId: "oidc:…" }` the registry records when
 *   the version was published through OIDC trusted publishing (July 2025).
 *   This is the field pnpm's `trustPolicy: no-downgrade` reads
 *   (pnpm/pnpm resolving/npm-resolver/src/trustChecks.ts `getTrustEvidence`)
 *   and danielroe/provenance-action reads (lib/provenance.ts, which also takes
 *   `_npmUser` named "GitHub Actions" <npm-oidc-no-reply@github.com> as the
 *   sign). npm documents no packument field for it; npm/cli#9397 (2026) notes
 *   that with staged publishing `_npmUser` may name the approving human
 *   instead, so a trusted publish can read as merely `provenance`. Uncertain
 *   by nature: a lower rung is reported, never a higher one.
 * - `provenance`: `dist.attestations.provenance.predicateType` is set
 *   (`https://slsa.dev/provenance/v1`), as `npm publish --provenance` records.
 * - `registry-signature`: `dist.signatures` holds at least one `{ keyid, sig }`.
 * - `none` otherwise.
 */
function trustOf(manifest: Record<string, unknown>, dist: Record<string, unknown>): TrustLevel {
  const user = isObject(manifest['_npmUser']) ? manifest['_npmUser'] : {};
  const provenance = isObject(dist['attestations']) && isObject(dist['attestations']['provenance']) ? dist['attestations']['provenance'] : undefined;
  const hasProvenance = typeof provenance?.['predicateType'] === 'string' && provenance['predicateType'] !== '';
  if (isObject(user['trustedPublisher']) || (user['name'] === 'GitHub Actions' && user['email'] === 'npm-oidc-no-reply@github.com')) return 'trusted-publisher';
  if (hasProvenance) return 'provenance';
  const signatures = dist['signatures'];
  if (Array.isArray(signatures) && signatures.some((s) => isObject(s) && typeof s['sig'] === 'string' && typeof s['keyid'] === 'string')) return 'registry-signature';
  return 'none';
}

function repositoryUrl(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (isObject(value) && typeof value['url'] === 'string' && value['url'].trim() !== '') return value['url'];
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `[{ name, email }]` → sorted names; anything else in the list is ignored. */
function accountNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names = value.flatMap((m) => (isObject(m) && typeof m['name'] === 'string' ? [m['name']] : []));
  return [...new Set(names)].sort();
}
