import { PackageURL } from 'packageurl-js';
import { ParseError } from '../../core/errors.js';
import { npmPurl } from '../../core/graph/purl.js';
import type { SourceKind } from '../../core/model.js';
import { assertPackageName, assertVersion, quote } from '../shared/names.js';

/**
 * What SBOM readers (CycloneDX, SPDX) share: turning a package URL, a name, a
 * version and hex digests into the identity chaingate's graph uses.
 */
export interface SbomIdentity {
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
  readonly purl: string;
  readonly qualifiers: Readonly<Record<string, string>>;
}

// Names outside npm follow other rules (maven group:artifact, golang module paths), so only refuse what is
// never a name: control characters, HTML / Markdown metacharacters and relative path segments.
const FORBIDDEN_IN_LOOSE_NAME = /[\u0000-\u001f\u007f-\u009f\u2028\u2029<>"`{}|\\^]/u;

/** @throws {ParseError} INVALID_NAME */
export function assertSbomName(ecosystem: string, name: string, file: string): void {
  if (ecosystem === 'npm') return assertPackageName(name, file);
  if (name.length === 0 || name.length > 1024 || FORBIDDEN_IN_LOOSE_NAME.test(name)) {
    throw new ParseError('INVALID_NAME', file, `package name ${quote(name)} is empty, too long or contains a control character or one of <>"\`{}|\\^`);
  }
  if (name.split(/[/:]/).some((s) => s === '..' || s === '.')) {
    throw new ParseError('INVALID_NAME', file, `package name ${quote(name)} contains a relative path segment`);
  }
}

/**
 * Reads a package URL into an identity: `pkg:npm/%40scope/name@1.0.0` → `@scope/name` at 1.0.0 in `npm`.
 * `fallbackVersion` is used when the purl has none.
 * @throws {ParseError} MALFORMED or INVALID_NAME
 */
export function identityFromPurl(purl: string, fallbackVersion: string | undefined, file: string): SbomIdentity {
  // packageurl-js trims white space from names; refuse control characters (raw or percent-encoded) before it can.
  if (/[\u0000-\u001f\u007f]|%(?:[01][0-9a-f]|7f)/iu.test(purl)) {
    throw new ParseError('INVALID_NAME', file, `package URL ${quote(purl)} contains a control character`);
  }
  let parsed: PackageURL;
  try {
    parsed = PackageURL.fromString(purl);
  } catch (cause) {
    throw new ParseError('MALFORMED', file, `package URL ${quote(purl)} is not valid`, { cause });
  }
  const ecosystem = parsed.type;
  const namespace = parsed.namespace ?? undefined;
  const name = !namespace ? parsed.name : ecosystem === 'maven' ? `${namespace}:${parsed.name}` : `${namespace}/${parsed.name}`;
  const version = parsed.version ?? fallbackVersion ?? '';
  assertSbomName(ecosystem, name, file);
  if (version !== '') assertVersion(version, name, file);
  const canonical =
    ecosystem === 'npm'
      ? npmPurl(name, version)
      : new PackageURL(ecosystem, namespace, parsed.name, version || undefined, undefined, undefined).toString();
  return { ecosystem, name, version, purl: canonical, qualifiers: { ...(parsed.qualifiers ?? {}) } };
}

/** An identity for a component without a purl: the generic purl type. */
export function genericIdentity(name: string, version: string | undefined, file: string): SbomIdentity {
  assertSbomName('generic', name, file);
  if (version) assertVersion(version, name, file);
  const purl = new PackageURL('generic', undefined, name, version || undefined, undefined, undefined).toString();
  return { ecosystem: 'generic', name, version: version ?? '', purl, qualifiers: {} };
}

const SRI_ALGORITHMS: readonly (readonly [RegExp, string, number])[] = [
  [/^SHA-?512$/i, 'sha512', 128],
  [/^SHA-?384$/i, 'sha384', 96],
  [/^SHA-?256$/i, 'sha256', 64],
  [/^SHA-?1$/i, 'sha1', 40],
];

/**
 * The strongest of the given hex digests as a subresource-integrity string (`sha512-<base64>`).
 * Digests that are not well-formed hex of the right length are ignored.
 */
export function integrityFromHashes(hashes: readonly { alg: string; hex: string }[]): string | undefined {
  for (const [pattern, prefix, length] of SRI_ALGORITHMS) {
    const hit = hashes.find((h) => pattern.test(h.alg) && h.hex.length === length && /^[0-9a-f]+$/i.test(h.hex));
    if (hit) return `${prefix}-${Buffer.from(hit.hex, 'hex').toString('base64')}`;
  }
  return undefined;
}

/** Where an artefact came from, judged by its download URL and purl qualifiers. */
export function sourceOf(resolved: string | undefined, qualifiers: Readonly<Record<string, string>>): SourceKind {
  if (qualifiers['vcs_url']) return 'git';
  const url = resolved ?? qualifiers['download_url'];
  if (!url) return 'unknown';
  if (/^git(\+|:)|^github:/i.test(url)) return 'git';
  if (/^(file|link):/i.test(url)) return url.startsWith('link:') ? 'link' : 'file';
  if (/^https?:\/\/.+\/-\/[^/]+\.tgz$/i.test(url)) return 'registry';
  return /^https?:\/\//i.test(url) ? 'remote' : 'unknown';
}
