// GitHub REST `GET /advisories` (global advisories; operation security-advisories/list-global-advisories),
// in its shape: `ecosystem`, `type` (reviewed | malware), `affects` (≤ 1000 `name` or `name@version`,
// comma-separated), `per_page` (≤ 100), cursor pagination through the Link header (`after`).
// A GHSA-… record is a reviewed advisory; a MAL-… record with a GHSA alias is a malware advisory
// (the ones GitHub publishes); other MAL records are not in GitHub's database.
import { affects, intervals } from './records.mjs';

export function githubRoutes({ byName, stats, send, origin }) {
  const byId = new Map();
  for (const entries of byName.values()) {
    for (const e of entries) {
      const ghsa = e.malware ? e.aliases.find((a) => a.startsWith('GHSA-')) : e.id;
      if (!ghsa) continue;
      const list = byId.get(ghsa) ?? [];
      list.push(e);
      byId.set(ghsa, list);
    }
  }
  return (req, url, _body, res) => {
    if (req.method !== 'GET' || url.pathname !== '/github/advisories') return false;
    stats.githubAdvisories++;
    const type = url.searchParams.get('type') ?? 'reviewed';
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const wanted = (url.searchParams.get('affects') ?? '').split(',').filter(Boolean);
    if (wanted.length > 1000) return send(res, 422, { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest/security-advisories/global-advisories' });
    const hits = new Map();
    for (const item of wanted) {
      const at = item.lastIndexOf('@');
      const [name, version] = at > 0 ? [item.slice(0, at), item.slice(at + 1)] : [item, undefined];
      for (const e of byName.get(name) ?? []) {
        const ghsa = e.malware ? e.aliases.find((a) => a.startsWith('GHSA-')) : e.id;
        if (!ghsa || e.malware !== (type === 'malware')) continue;
        if (version === undefined || affects(e, version)) hits.set(ghsa, e);
      }
    }
    const all = [...hits.keys()].sort((a, b) => (hits.get(b).published ?? '').localeCompare(hits.get(a).published ?? '') || (a < b ? -1 : 1));
    const after = Number(url.searchParams.get('after') ?? 0);
    const page = all.slice(after, after + perPage).map((ghsa) => globalAdvisory(ghsa, byId.get(ghsa)));
    const headers = {};
    if (after + perPage < all.length) {
      const next = new URL(url.pathname, origin);
      for (const [k, v] of url.searchParams) if (k !== 'after') next.searchParams.set(k, v);
      next.searchParams.set('after', String(after + perPage));
      headers.link = `<${next}>; rel="next"`;
    }
    return send(res, 200, page, headers);
  };
}

const SEVERITY = { LOW: 'low', MODERATE: 'medium', HIGH: 'high', CRITICAL: 'critical' };

function globalAdvisory(ghsa, entries) {
  const e = entries[0];
  const cve = e.aliases.find((a) => a.startsWith('CVE-')) ?? null;
  const vulnerabilities = [];
  for (const entry of entries) {
    const pkg = { ecosystem: 'npm', name: entry.name };
    for (const v of entry.versions) vulnerabilities.push({ package: pkg, vulnerable_version_range: `= ${v}`, first_patched_version: null, vulnerable_functions: [] });
    for (const events of entry.ranges) {
      for (const i of intervals(events)) {
        const parts = [i.lo === '0' ? '' : `>= ${i.lo}`, i.end === 'fixed' ? `< ${i.hi}` : i.end === 'last' ? `<= ${i.hi}` : ''].filter(Boolean);
        vulnerabilities.push({ package: pkg, vulnerable_version_range: parts.join(', ') || '>= 0', first_patched_version: i.end === 'fixed' ? i.hi : null, vulnerable_functions: [] });
      }
    }
  }
  return {
    ghsa_id: ghsa,
    cve_id: cve,
    url: `https://api.github.com/advisories/${ghsa}`,
    html_url: `https://github.com/advisories/${ghsa}`,
    repository_advisory_url: null,
    summary: e.summary,
    description: e.summary,
    type: e.malware ? 'malware' : 'reviewed',
    severity: e.malware ? 'critical' : (SEVERITY[e.severity] ?? 'unknown'),
    source_code_location: null,
    identifiers: [{ type: 'GHSA', value: ghsa }, ...(cve ? [{ type: 'CVE', value: cve }] : [])],
    references: [],
    published_at: e.published,
    updated_at: e.modified,
    github_reviewed_at: e.published,
    nvd_published_at: null,
    withdrawn_at: null,
    vulnerabilities,
    cvss_severities: { cvss_v3: { vector_string: e.cvss ?? null, score: null }, cvss_v4: { vector_string: null, score: null } },
    cwes: [],
    credits: [],
  };
}
