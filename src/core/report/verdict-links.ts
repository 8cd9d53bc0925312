/**
 * Links to advisories, built only by us and only for ids of a known, strict
 * shape: an id from a feed can never turn into a link of its own choosing.
 */
const GHSA = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/u;
const OSV_IDS = [
  /^CVE-\d{4}-\d{4,7}$/u,
  /^MAL-\d{4}-\d{1,7}$/u,
  /^OSV-\d{4}-\d{1,7}$/u,
  /^PYSEC-\d{4}-\d{1,7}$/u,
  /^RUSTSEC-\d{4}-\d{4}$/u,
  /^GO-\d{4}-\d{4,7}$/u,
];

/** `https://github.com/advisories/GHSA-…` or `https://osv.dev/vulnerability/<id>`, or undefined for any other id. */
export function advisoryUrl(id: string): string | undefined {
  if (GHSA.test(id)) return `https://github.com/advisories/${id}`;
  if (OSV_IDS.some((pattern) => pattern.test(id))) return `https://osv.dev/vulnerability/${id}`;
  return undefined;
}

/** Whether an id has one of the shapes above (safe to use as a SARIF rule id or in a URL). */
export function isKnownAdvisoryId(id: string): boolean {
  return advisoryUrl(id) !== undefined;
}
