// The npm registry under /npm/, in its shape:
//   POST /-/npm/v1/security/advisories/bulk  {"<name>":["<version>"…]} → {"<name>":[{id, url, title,
//        severity, vulnerable_versions, cwe, cvss:{score, vectorString}}…]} (advisories affecting a
//        listed version; GitHub's advisories, as npm serves them: GHSA-… records and MAL-… with a GHSA alias)
//   GET  /<name> (scoped: @scope%2fname)      → a full packument, built from the corpus lockfiles
//        (their versions, integrity and hasInstallScript; published 2024-01-15); 404 otherwise
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { affects, intervals } from './records.mjs';

export function npmRoutes({ byName, stats, send, corpusDir }) {
  const packuments = packumentsFrom(corpusDir);
  const numericIds = new Map();
  return (req, url, body, res) => {
    if (!url.pathname.startsWith('/npm/')) return false;
    const path = url.pathname.slice('/npm/'.length);
    if (req.method === 'POST' && path === '-/npm/v1/security/advisories/bulk') {
      stats.npmBulk++;
      const out = {};
      for (const [name, versions] of Object.entries(body ?? {})) {
        const list = [];
        for (const e of byName.get(name) ?? []) {
          const ghsa = e.malware ? e.aliases.find((a) => a.startsWith('GHSA-')) : e.id;
          if (!ghsa || !versions.some((v) => affects(e, v))) continue;
          if (!numericIds.has(ghsa)) numericIds.set(ghsa, 1_100_000 + numericIds.size);
          list.push({
            id: numericIds.get(ghsa),
            url: `https://github.com/advisories/${ghsa}`,
            title: e.summary,
            severity: e.malware ? 'critical' : (e.severity ?? 'high').toLowerCase(),
            vulnerable_versions: npmRange(e),
            cwe: e.malware ? ['CWE-506'] : [],
            cvss: { score: 0, vectorString: e.cvss ?? null },
          });
        }
        if (list.length > 0) out[name] = list;
      }
      return send(res, 200, out);
    }
    if (req.method !== 'GET') return false;
    stats.npmPackuments++;
    const packument = packuments.get(decodeURIComponent(path));
    return packument ? send(res, 200, packument) : send(res, 404, { error: 'Not found' });
  };
}

function npmRange(entry) {
  const parts = [...entry.versions].map((v) => `=${v}`);
  for (const events of entry.ranges) {
    for (const i of intervals(events)) {
      const range = [i.lo === '0' ? '' : `>=${i.lo}`, i.end === 'fixed' ? `<${i.hi}` : i.end === 'last' ? `<=${i.hi}` : ''].filter(Boolean).join(' ');
      parts.push(range || '*');
    }
  }
  return parts.length > 0 ? parts.join(' || ') : '<0.0.0-0';
}

function packumentsFrom(corpusDir) {
  const versions = new Map();
  for (const side of ['base', 'head']) {
    const lock = JSON.parse(readFileSync(join(corpusDir, side, 'npm/package-lock.json'), 'utf8'));
    for (const [key, entry] of Object.entries(lock.packages ?? {})) {
      if (key === '' || entry.link || typeof entry.version !== 'string') continue;
      const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
      const byVersion = versions.get(name) ?? new Map();
      byVersion.set(entry.version, entry);
      versions.set(name, byVersion);
    }
  }
  const published = '2024-01-15T00:00:00.000Z';
  const out = new Map();
  for (const [name, byVersion] of versions) {
    const list = [...byVersion.keys()];
    const latest = list[list.length - 1];
    out.set(name, {
      _id: name,
      name,
      'dist-tags': { latest },
      versions: Object.fromEntries(
        [...byVersion].map(([version, entry]) => [
          version,
          {
            name,
            version,
            ...(entry.license ? { license: entry.license } : {}),
            ...(entry.hasInstallScript ? { scripts: { install: 'node install.js' } } : {}),
            _npmUser: { name: 'maintainer', email: 'maintainer@example.org' },
            dist: {
              ...(entry.integrity ? { integrity: entry.integrity } : {}),
              tarball: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`,
              signatures: [{ keyid: 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA', sig: 'MEUCIQ…' }],
            },
          },
        ]),
      ),
      time: { created: published, modified: published, ...Object.fromEntries(list.map((v) => [v, published])) },
      maintainers: [{ name: 'maintainer', email: 'maintainer@example.org' }],
      repository: { type: 'git', url: `git+https://github.com/example/${name.replace('@', '').replace('/', '-')}.git` },
    });
  }
  return out;
}
