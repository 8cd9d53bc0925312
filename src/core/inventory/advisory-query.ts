import semver from 'semver';
import type { PackageQuery } from '../ports.js';

/** What an advisory says about one package: its name and how to tell an affected version. */
interface AffectedPackage {
  readonly ecosystem: string;
  readonly name: string;
  readonly versions: string;
  readonly matches: (version: string) => boolean;
}

/** The advisory a scope query came from, with the queries for every package it affects. */
export interface AdvisoryQuery {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly summary: string;
  readonly malware: boolean;
  readonly severity: 'critical' | 'high' | 'moderate' | 'low' | 'unknown';
  readonly packages: readonly PackageQuery[];
}

const ECOSYSTEMS: Readonly<Record<string, string>> = { npm: 'npm', pypi: 'pypi', maven: 'maven', 'crates.io': 'cargo', rust: 'cargo', go: 'golang', nuget: 'nuget', rubygems: 'gem', packagist: 'composer', composer: 'composer', pub: 'pub', hex: 'hex', erlang: 'hex' };

/**
 * Reads an OSV record or a GitHub (GHSA REST) advisory into package queries:
 * every affected package with its ranges (OSV SEMVER / ECOSYSTEM events and
 * `versions` lists; GitHub `vulnerable_version_range`).
 * @returns `undefined` when the value is neither.
 */
export function advisoryQueryOf(value: unknown): AdvisoryQuery | undefined {
  if (!isObject(value)) return undefined;
  if (Array.isArray(value.affected) && typeof value.id === 'string') return fromOsv(value);
  if (Array.isArray(value.vulnerabilities) && typeof value.ghsa_id === 'string') return fromGithub(value);
  return undefined;
}

function fromOsv(record: Record<string, unknown>): AdvisoryQuery {
  const id = String(record.id);
  const packages: AffectedPackage[] = [];
  for (const affected of record.affected as unknown[]) {
    if (!isObject(affected) || !isObject(affected.package)) continue;
    const ecosystem = ECOSYSTEMS[String(affected.package.ecosystem).toLowerCase()];
    const name = affected.package.name;
    if (!ecosystem || typeof name !== 'string') continue;
    const listed = new Set(Array.isArray(affected.versions) ? affected.versions.filter((v): v is string => typeof v === 'string') : []);
    const ranges = (Array.isArray(affected.ranges) ? affected.ranges : []).filter(isObject).filter((r) => r.type === 'SEMVER' || r.type === 'ECOSYSTEM');
    const described = ranges.map((r) => describeEvents(r.events)).filter((d) => d.length > 0);
    packages.push({
      ecosystem,
      name,
      versions: [...described, ...(listed.size > 0 ? [`${listed.size} listed version${listed.size === 1 ? '' : 's'}`] : [])].join('; ') || 'no versions',
      matches: (version) => listed.has(version) || ranges.some((r) => inOsvRange(r.events, version)),
    });
  }
  const aliases = Array.isArray(record.aliases) ? record.aliases.filter((a): a is string => typeof a === 'string') : [];
  return {
    id,
    aliases,
    summary: typeof record.summary === 'string' ? record.summary : '',
    malware: id.startsWith('MAL-'),
    severity: osvSeverity(record),
    packages,
  };
}

function fromGithub(record: Record<string, unknown>): AdvisoryQuery {
  const packages: AffectedPackage[] = [];
  for (const vulnerability of record.vulnerabilities as unknown[]) {
    if (!isObject(vulnerability) || !isObject(vulnerability.package)) continue;
    const ecosystem = ECOSYSTEMS[String(vulnerability.package.ecosystem).toLowerCase()];
    const name = vulnerability.package.name;
    const range = typeof vulnerability.vulnerable_version_range === 'string' ? vulnerability.vulnerable_version_range : '';
    if (!ecosystem || typeof name !== 'string' || range === '') continue;
    const semverRange = range.replaceAll(',', ' ').replace(/(^|\s)=\s*/g, '$1');
    packages.push({ ecosystem, name, versions: range, matches: (version) => semver.valid(version) !== null && semver.satisfies(version, semverRange, { includePrerelease: true }) });
  }
  const severity = String(record.severity ?? 'unknown').toLowerCase();
  return {
    id: String(record.ghsa_id),
    aliases: typeof record.cve_id === 'string' ? [record.cve_id] : [],
    summary: typeof record.summary === 'string' ? record.summary : '',
    malware: record.type === 'malware',
    severity: severity === 'medium' ? 'moderate' : (['critical', 'high', 'moderate', 'low'].includes(severity) ? severity : 'unknown') as AdvisoryQuery['severity'],
    packages,
  };
}

/** OSV's evaluation of one SEMVER/ECOSYSTEM range's events, npm semver ordering. */
function inOsvRange(events: unknown, version: string): boolean {
  const parsed = semver.parse(version);
  if (!parsed || !Array.isArray(events)) return false;
  const steps = events
    .filter(isObject)
    .map((e) => {
      const [kind, at] = Object.entries(e)[0] ?? [];
      return { kind, at: at === '0' ? undefined : semver.parse(typeof at === 'string' ? at : '') };
    })
    .filter((e) => e.kind === 'introduced' || e.at)
    .sort((a, b) => (a.at && b.at ? a.at.compare(b.at) : a.at ? 1 : b.at ? -1 : 0));
  let affected = false;
  for (const step of steps) {
    if (step.kind === 'introduced') affected = affected || !step.at || parsed.compare(step.at) >= 0;
    else if (step.kind === 'fixed' && step.at && parsed.compare(step.at) >= 0) affected = false;
    else if (step.kind === 'last_affected' && step.at && parsed.compare(step.at) > 0) affected = false;
  }
  return affected;
}

function describeEvents(events: unknown): string {
  if (!Array.isArray(events)) return '';
  return events
    .filter(isObject)
    .map((e) => Object.entries(e)[0])
    .filter((e): e is [string, unknown] => e !== undefined)
    .map(([kind, at]) => (kind === 'introduced' ? `>=${String(at)}` : kind === 'fixed' ? `<${String(at)}` : kind === 'last_affected' ? `<=${String(at)}` : ''))
    .filter((s) => s.length > 0)
    .join(' ');
}

function osvSeverity(record: Record<string, unknown>): AdvisoryQuery['severity'] {
  const specific = isObject(record.database_specific) ? String(record.database_specific.severity ?? '').toLowerCase() : '';
  if (specific === 'medium') return 'moderate';
  return (['critical', 'high', 'moderate', 'low'].includes(specific) ? specific : 'unknown') as AdvisoryQuery['severity'];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
