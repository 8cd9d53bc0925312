// Synthesises an OSV npm export the size of OSV's real one (≈200,000 records) for bench/check.mjs:
// a flat directory of <ID>.json files (the layout of an unpacked all.zip) and an all.zip made
// with Python's zipfile (ZIP64, deflate), like OSV's own export. Deterministic for a given seed.
//
//   node bench/lib/osv-synth.mjs [--records 200000] [--mal-share 0.05] [--seed 1] [--force]
//
// Records are modelled on the real ones in test/fixtures/osv/records/: GHSA records with
// ECOSYSTEM ranges (and some SEMVER), aliases, CVSS_V3 vectors, database_specific severity;
// MAL records with `versions` lists or an "introduced: 0" range and malicious-packages-origins.
// Names: the bench corpus lockfiles, data/popular-npm.json, and synthetic names. Some records
// are planted on exact versions of the corpus (listed in manifest.json) so a check has findings.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_OSV_DIR = join(ROOT, 'bench/.corpus/osv');

/** mulberry32: small, fast, deterministic. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** name → Set(version) of every registry package in an npm v2/v3 lockfile. */
export function lockfilePackages(path) {
  const lock = JSON.parse(readFileSync(path, 'utf8'));
  const out = new Map();
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (key === '' || entry.link || typeof entry.version !== 'string') continue;
    const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (!out.has(name)) out.set(name, new Set());
    out.get(name).add(entry.version);
  }
  return out;
}

const WORDS = ('parse stringify buffer stream http request response header cookie session token auth jwt crypto hash ' +
  'file path glob watch build bundle compile minify loader plugin preset config env yaml json xml csv template render ' +
  'markdown html css style color logger debug trace cache store queue worker pool client server proxy socket event emitter ' +
  'promise async retry timer date time format locale intl number string array object deep merge clone extend validate ' +
  'schema model query sql mongo redis graph tree node walk visit util utils helper tools core lib kit sdk api cli ui react ' +
  'vue angular svelte next nuxt express koa fastify hapi webpack rollup babel eslint jest mocha chai sinon typescript').split(' ');
const SCOPES = ['acme', 'corp-internal', 'dev-tools', 'ui-kit', 'cloudlab', 'opensrc', 'pkgs', 'tooling', 'data', 'infra'];
const PROSE = ('the a an of to in for with by on from when an attacker can may via crafted input user supplied untrusted ' +
  'data allows remote code execution denial service prototype pollution regular expression cross site scripting path ' +
  'traversal server side request forgery injection command arbitrary file write read leak information exposure memory ' +
  'version versions prior affected fixed upgrade patched release this issue vulnerability package function option ' +
  'parser object property value string buffer header request response handler module library application').split(' ');
const GHSA_CHARS = '23456789cfghjmpqrvwx';
const SEVERITIES = ['LOW', 'MODERATE', 'MODERATE', 'HIGH', 'HIGH', 'CRITICAL'];
const CWES = ['CWE-1321', 'CWE-400', 'CWE-1333', 'CWE-79', 'CWE-22', 'CWE-94', 'CWE-918', 'CWE-20', 'CWE-770', 'CWE-200'];

/** @param {{ corpusDir: string, outDir?: string, records?: number, malShare?: number, seed?: number, log?: (s: string) => void }} options */
export function synthesiseOsv(options) {
  const outDir = options.outDir ?? DEFAULT_OSV_DIR;
  const total = options.records ?? 200_000;
  const malShare = options.malShare ?? 0.05;
  const seed = options.seed ?? 1;
  const log = options.log ?? (() => {});
  const random = rng(seed);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

  const base = lockfilePackages(join(options.corpusDir, 'base/npm/package-lock.json'));
  const head = lockfilePackages(join(options.corpusDir, 'head/npm/package-lock.json'));
  const corpusNames = [...new Set([...base.keys(), ...head.keys()])].sort();
  const popular = JSON.parse(readFileSync(join(ROOT, 'data/popular-npm.json'), 'utf8')).names;
  const synthetic = syntheticNames(random, popular, 100_000);

  const ids = new Set();
  const ghsaId = () => {
    for (;;) {
      const group = () => Array.from({ length: 4 }, () => pick(GHSA_CHARS)).join('');
      const id = `GHSA-${group()}-${group()}-${group()}`;
      if (!ids.has(id)) return ids.add(id), id;
    }
  };
  let malSerial = 0;
  const malId = (year) => `MAL-${year}-${++malSerial + 1000}`;
  const date = (fromYear) => {
    const t = Date.UTC(fromYear, 0, 1) + random() * (Date.UTC(2026, 10, 1) - Date.UTC(fromYear, 0, 1));
    return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  };
  const prose = (min, max) => {
    const words = [];
    for (let n = 0, target = int(min, max); n < target; ) {
      const w = pick(PROSE);
      words.push(w);
      n += w.length + 1;
    }
    return words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
  };
  const version = () => `${int(0, 12)}.${int(0, 25)}.${int(0, 15)}`;
  const versionNear = (name) => {
    const known = [...(head.get(name) ?? base.get(name) ?? [])];
    if (known.length === 0 || random() < 0.5) return version();
    const [maj, min, pat] = pick(known).split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
    const r = random();
    return r < 0.33 ? `${maj}.${min}.${pat + int(0, 3)}` : r < 0.66 ? `${maj}.${min + int(0, 2)}.0` : `${maj + 1}.0.0`;
  };
  const bump = (v) => {
    const [maj, min, pat] = v.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
    return `${maj}.${min}.${pat + 1}`;
  };
  const cvss = () =>
    `CVSS:3.1/AV:${pick('NNNALP')}/AC:${pick('LLH')}/PR:${pick('NNLH')}/UI:${pick('NNR')}/S:${pick('UUC')}/C:${pick('NLH')}/I:${pick('NLH')}/A:${pick('NLHH')}`;

  // Nearly all records (99.5 %) on names the corpus uses are "historical": every version they name is below the
  // lowest version of that name in the corpus, as most real advisories of old, popular packages are.
  // The index still has to evaluate them; only a few (and the planted ones) can hit.
  const tuple = (v) => v.split(/[.-]/).slice(0, 3).map((x) => Number.parseInt(x, 10) || 0);
  const lower = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  const minKnown = (name) => {
    const known = [...(head.get(name) ?? []), ...(base.get(name) ?? [])].map(tuple);
    return known.length === 0 ? undefined : known.sort(lower)[0];
  };
  const below = ([a, b, c]) => {
    const levels = [a > 0 && 0, b > 0 && 1, c > 0 && 2].filter((x) => x !== false);
    if (levels.length === 0) return undefined;
    const level = pick(levels);
    if (level === 0) return `${int(0, a - 1)}.${int(0, 25)}.${int(0, 15)}`;
    if (level === 1) return `${a}.${int(0, b - 1)}.${int(0, 15)}`;
    return `${a}.${b}.${int(0, c - 1)}`;
  };
  const oldRange = (min, type) => {
    const points = [...new Set(Array.from({ length: random() < 0.15 ? 4 : 2 }, () => below(min)).filter(Boolean))].map(tuple).sort(lower);
    if (points.length < 2) return { type, events: [{ introduced: '0' }, { fixed: min.join('.') }] };
    const events = [];
    for (let i = 0; i + 1 < points.length; i += 2) {
      events.push({ introduced: i === 0 && random() < 0.4 ? '0' : points[i].join('.') });
      events.push(random() < 0.8 ? { fixed: points[i + 1].join('.') } : { last_affected: points[i + 1].join('.') });
    }
    return { type, events };
  };

  /** One range of `type` with 1–2 intervals, ending in fixed, last_affected or open. */
  const range = (name, type, old) => {
    const min = old ? minKnown(name) : undefined;
    if (min) return oldRange(min, type);
    const events = [];
    let lo = random() < 0.4 ? '0' : versionNear(name);
    for (let interval = random() < 0.15 ? 2 : 1; interval > 0; interval--) {
      events.push({ introduced: lo });
      const hi = lo === '0' ? versionNear(name) : bumpFrom(lo);
      const end = random();
      if (interval > 1 || end < 0.75) events.push({ fixed: hi });
      else if (end < 0.9) events.push({ last_affected: hi });
      else break; // open-ended: every later version is affected
      lo = bumpFrom(hi);
    }
    return { type, events };
  };
  const bumpFrom = (v) => {
    const [maj, min, pat] = v.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
    const r = random();
    return r < 0.5 ? `${maj}.${min}.${pat + int(1, 4)}` : r < 0.85 ? `${maj}.${min + int(1, 3)}.${int(0, 2)}` : `${maj + int(1, 2)}.0.0`;
  };
  const versionList = (name, old) => {
    const min = old ? minKnown(name) : undefined;
    if (min) return [...new Set(Array.from({ length: int(1, 30) }, () => below(min)).filter(Boolean))];
    const out = new Set();
    for (let n = int(1, 30); n > 0; n--) out.add(random() < 0.05 ? `${versionNear(name)}-beta.${int(0, 3)}` : versionNear(name));
    return [...out];
  };

  const ghsa = (names, plant) => {
    const old = random() < 0.995;
    const id = ghsaId();
    const published = date(2017);
    const severity = pick(SEVERITIES);
    const rangeCount = plant ? 1 : Math.max(names.length, int(1, 5));
    const affected = names.map((name) => ({ package: { ecosystem: 'npm', name }, ranges: [] }));
    for (let i = 0; i < rangeCount; i++) affected[i % affected.length].ranges.push(range(names[i % names.length], random() < 0.8 ? 'ECOSYSTEM' : 'SEMVER', old));
    for (const entry of affected) {
      if (!plant && random() < 0.2) entry.versions = versionList(entry.package.name, old);
      if (random() < 0.3) entry.database_specific = { source: `https://github.com/github/advisory-database/blob/main/advisories/github-reviewed/${published.slice(0, 4)}/${published.slice(5, 7)}/${id}/${id}.json` };
    }
    if (plant) {
      const [vuln] = affected;
      vuln.ranges = [
        random() < 0.7
          ? { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: bump(plant.version) }] }
          : { type: 'SEMVER', events: [{ introduced: '0' }, { last_affected: plant.version }] },
      ];
    }
    const record = {
      schema_version: '1.6.0',
      id,
      modified: date(Number(published.slice(0, 4))),
      published,
      aliases: random() < 0.75 ? [`CVE-${published.slice(0, 4)}-${int(1000, 52000)}`] : [],
      summary: `${pick(['Prototype Pollution', 'Regular Expression Denial of Service', 'Cross-site Scripting', 'Path Traversal', 'Command Injection', 'Server-Side Request Forgery', 'Uncontrolled Resource Consumption', 'Improper Input Validation'])} in ${names[0]}`,
      details: prose(100, 1500),
      ...(random() < 0.6 ? { severity: [{ type: 'CVSS_V3', score: cvss() }] } : {}),
      affected,
      references: Array.from({ length: int(2, 8) }, (_, i) => ({
        type: i === 0 ? 'ADVISORY' : pick(['WEB', 'WEB', 'PACKAGE', 'FIX', 'ARTICLE']),
        url: i === 0 ? `https://nvd.nist.gov/vuln/detail/CVE-${published.slice(0, 4)}-${int(1000, 52000)}` : `https://github.com/${pick(SCOPES)}/${pick(WORDS)}/issues/${int(1, 9000)}`,
      })),
      database_specific: {
        cwe_ids: Array.from({ length: int(0, 2) }, () => pick(CWES)),
        severity,
        github_reviewed: random() < 0.8,
        github_reviewed_at: published,
        nvd_published_at: random() < 0.7 ? published : null,
      },
    };
    if (!plant && random() < 0.003) record.withdrawn = record.modified;
    return record;
  };

  const mal = (name, plant) => {
    const published = date(2022);
    const year = published.slice(0, 4);
    const id = malId(year);
    const alias = random() < 0.4 ? [ghsaId()] : [];
    const affected = { package: { ecosystem: 'npm', name } };
    const min = minKnown(name);
    if (plant) affected.versions = [plant.version];
    else if (min) affected.versions = [...new Set(Array.from({ length: int(1, 3) }, () => below(min) ?? '0.0.0-0'))];
    else if (random() < 0.35) affected.ranges = [{ type: 'SEMVER', events: [{ introduced: '0' }] }];
    else affected.versions = Array.from({ length: int(1, 3) }, () => version());
    affected.database_specific = { cwes: [{ cweId: 'CWE-506', description: 'The product contains code that appears to be malicious in nature.', name: 'Embedded Malicious Code' }] };
    return {
      modified: date(Number(year)),
      published,
      schema_version: '1.5.0',
      id,
      aliases: alias,
      summary: `Malicious code in ${name} (npm)`,
      details: `${prose(40, 400)}\n\n---\n_-= Per source details. Do not edit below this line.=-_\n\n## Source: ${pick(['ghsa-malware', 'ossf-package-analysis', 'socket', 'phylum'])} (${hex(random, 64)})\n${prose(60, 600)}\n`,
      affected: [affected],
      references: [{ type: 'WEB', url: `https://github.com/${pick(SCOPES)}/${pick(WORDS)}/issues/${int(1, 9000)}` }],
      database_specific: {
        'malicious-packages-origins': Array.from({ length: int(1, 3) }, () => ({
          source: 'ossf-package-analysis',
          sha256: hex(random, 64),
          import_time: `${published.slice(0, -1)}.${int(100000000, 999999999)}Z`,
          modified_time: published,
          ...(affected.versions ? { versions: affected.versions } : {}),
        })),
      },
    };
  };

  // Planted hits: exact versions of the corpus, most in the head's diff, some only in a full scan.
  const baseKeys = new Set([...base].flatMap(([n, vs]) => [...vs].map((v) => `${n}@${v}`)));
  const headTargets = [...head].flatMap(([name, vs]) => [...vs].map((version) => ({ name, version, inDiff: !baseKeys.has(`${name}@${version}`) })));
  headTargets.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
  const diffTargets = headTargets.filter((t) => t.inDiff);
  const keptTargets = headTargets.filter((t) => !t.inDiff);
  const every = (xs, n) => xs.filter((_, i) => i % Math.max(1, Math.floor(xs.length / n)) === 0).slice(0, n);
  const planted = [
    ...every(diffTargets, 30).map((t, i) => ({ ...t, kind: i % 6 === 5 ? 'malware' : 'vulnerability' })),
    ...every(keptTargets, 30).map((t, i) => ({ ...t, kind: i % 6 === 5 ? 'malware' : 'vulnerability' })),
  ];

  rmSync(outDir, { recursive: true, force: true });
  const recordsDir = join(outDir, 'npm');
  mkdirSync(recordsDir, { recursive: true });
  let bytes = 0;
  let written = 0;
  const counts = { ghsa: 0, mal: 0, withdrawn: 0, ranges: 0, withVersions: 0, onCorpusNames: 0, onPopularNames: 0 };
  const write = (record) => {
    const text = JSON.stringify(record, null, 2);
    writeFileSync(join(recordsDir, `${record.id}.json`), text);
    bytes += Buffer.byteLength(text);
    written++;
    if (record.id.startsWith('MAL-')) counts.mal++;
    else counts.ghsa++;
    if (record.withdrawn) counts.withdrawn++;
    for (const a of record.affected) {
      counts.ranges += a.ranges?.length ?? 0;
      if (a.versions) counts.withVersions++;
    }
    if (written % 20_000 === 0) log(`  ${written} records written\n`);
  };

  const manifest = [];
  for (const target of planted) {
    const record = target.kind === 'malware' ? mal(target.name, target) : ghsa([target.name], target);
    manifest.push({ id: record.id, name: target.name, version: target.version, kind: target.kind, inDiff: target.inDiff });
    write(record);
  }
  const popularSet = new Set(popular);
  const corpusSet = new Set(corpusNames);
  for (let i = written; i < total; i++) {
    const isMal = random() < malShare;
    const r = random();
    let name;
    if (isMal) name = r < 0.02 ? pick(popular) : pick(synthetic);
    else name = r < 0.03 ? pick(corpusNames) : r < 0.1 ? pick(popular) : pick(synthetic);
    if (corpusSet.has(name)) counts.onCorpusNames++;
    if (popularSet.has(name)) counts.onPopularNames++;
    if (isMal) write(mal(name));
    else write(ghsa(random() < 0.1 ? [name, `${name}-es`] : [name]));
  }

  log(`  zipping ${written} records with Python's zipfile…\n`);
  execFileSync('python3', ['-c', ZIP_SCRIPT, recordsDir, join(outDir, 'all.zip')], { stdio: ['ignore', 'inherit', 'inherit'] });
  const info = { seed, records: written, jsonBytes: bytes, counts, planted: manifest };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(info, null, 2));
  return info;
}

const ZIP_SCRIPT = `
import os, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as z:
    for name in sorted(os.listdir(src)):
        if name.endswith('.json'):
            z.write(os.path.join(src, name), name)
`;

function hex(random, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(random() * 16)];
  return s;
}

/** Plausible npm names: word pairs, scoped names, and typosquat-style variants of popular names. */
function syntheticNames(random, popular, count) {
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const out = new Set();
  while (out.size < count) {
    const r = random();
    let name;
    if (r < 0.45) name = `${pick(WORDS)}-${pick(WORDS)}${random() < 0.3 ? `-${pick(WORDS)}` : ''}`;
    else if (r < 0.65) name = `@${pick(SCOPES)}${random() < 0.5 ? `-${pick(WORDS)}` : ''}/${pick(WORDS)}-${pick(WORDS)}`;
    else if (r < 0.85) name = mutate(random, pick(popular).replace(/^@[^/]+\//, ''));
    else name = `${pick(WORDS)}${pick(WORDS)}${Math.floor(random() * 1000)}`;
    out.add(name.toLowerCase());
  }
  for (const name of popular) out.delete(name);
  return [...out].sort();
}

function mutate(random, name) {
  const i = Math.floor(random() * name.length);
  const r = random();
  if (r < 0.3) return name.slice(0, i) + name.slice(i + 1) || `${name}x`; // dropped letter
  if (r < 0.6) return name.slice(0, i) + name[i] + name.slice(i); // doubled letter
  if (r < 0.8) return `${name}-${['js', 'dev', 'utils', 'cli', 'node'][Math.floor(random() * 5)]}`;
  return name.replace(/-/g, '') === name ? `${name}s` : name.replace(/-/g, '');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '200000' },
      'mal-share': { type: 'string', default: '0.05' },
      seed: { type: 'string', default: '1' },
      corpus: { type: 'string', default: join(ROOT, 'bench/.corpus') },
      out: { type: 'string', default: DEFAULT_OSV_DIR },
      force: { type: 'boolean', default: false },
    },
  });
  if (existsSync(join(values.out, 'manifest.json')) && !values.force) {
    process.stdout.write(`${values.out} exists (use --force to regenerate)\n`);
  } else {
    const t0 = Date.now();
    const info = synthesiseOsv({
      corpusDir: values.corpus,
      outDir: values.out,
      records: Number(values.records),
      malShare: Number(values['mal-share']),
      seed: Number(values.seed),
      log: (s) => process.stderr.write(s),
    });
    process.stdout.write(`${info.records} records (${(info.jsonBytes / 1e6).toFixed(0)} MB of JSON), ${info.planted.length} planted, in ${((Date.now() - t0) / 1000).toFixed(0)} s → ${values.out}\n`);
  }
}
