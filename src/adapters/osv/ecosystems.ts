/**
 * Package URL types (chaingate's ecosystem keys, lower case) and OSV's
 * ecosystem names (https://ossf.github.io/osv-schema/#affectedpackage-field).
 */
const OSV_BY_PURL_TYPE: ReadonlyMap<string, string> = new Map([
  ['npm', 'npm'],
  ['pypi', 'PyPI'],
  ['maven', 'Maven'],
  ['golang', 'Go'],
  ['cargo', 'crates.io'],
  ['gem', 'RubyGems'],
  ['nuget', 'NuGet'],
  ['composer', 'Packagist'],
  ['hex', 'Hex'],
  ['pub', 'Pub'],
  ['hackage', 'Hackage'],
  ['cran', 'CRAN'],
  ['swift', 'SwiftURL'],
  ['conan', 'ConanCenter'],
  ['github', 'GitHub Actions'],
  ['bitnami', 'Bitnami'],
]);

const PURL_TYPE_BY_OSV: ReadonlyMap<string, string> = new Map([...OSV_BY_PURL_TYPE].map(([purl, osv]) => [osv, purl]));

/** OSV's name for a purl type, or `undefined` when OSV has no such ecosystem. */
export function osvEcosystemOf(purlType: string): string | undefined {
  return OSV_BY_PURL_TYPE.get(purlType.toLowerCase());
}

/**
 * The purl type of an OSV ecosystem name; a suffix after `:` (`Debian:12`,
 * `Alpine:v3.20`) is dropped. `undefined` for ecosystems chaingate does not read.
 */
export function purlTypeOf(osvEcosystem: string): string | undefined {
  const colon = osvEcosystem.indexOf(':');
  return PURL_TYPE_BY_OSV.get(colon === -1 ? osvEcosystem : osvEcosystem.slice(0, colon));
}

/** A package name as compared within its ecosystem: PyPI names are case- and separator-insensitive (PEP 503). */
export function normalisePackageName(purlType: string, name: string): string {
  return purlType === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}
