import type { Advisory, Severity } from '../../core/facts.js';
import { cvss3BaseScore, cvssSeverity } from './cvss.js';
import { normalisePackageName, purlTypeOf } from './ecosystems.js';
import type { OsvRecord } from './record.js';
import { sortVersions } from './versions.js';

const GHSA_SEVERITY: Readonly<Record<string, Severity>> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MODERATE: 'moderate',
  MEDIUM: 'moderate',
  LOW: 'low',
};

/** Summaries that say the package itself is malicious (GHSA malware, OpenSSF malicious-packages wording). */
const MALICIOUS_SUMMARY = /^(malicious (code|package)|embedded (malicious code|malware)|malware\b)|\bcontains malware\b/i;

/**
 * Turns an OSV record into the Advisory about one package (`purlType`, `name`):
 * severity from the GHSA rating, else from the CVSS 3 vector's base score;
 * fixed versions from that package's ranges.
 */
export function toAdvisory(record: OsvRecord, purlType: string, name: string): Advisory {
  const malware = isMalware(record);
  const vector = record.severity.find((s) => s.type === 'CVSS_V3')?.score;
  const score = vector === undefined ? undefined : cvss3BaseScore(vector);
  return {
    id: record.id,
    aliases: [...record.aliases],
    source: 'osv',
    summary: record.summary ?? firstLine(record.details) ?? record.id,
    severity: severityOf(record, score, malware),
    cvssScore: score,
    cvssVector: vector ?? record.severity.find((s) => s.type === 'CVSS_V4')?.score,
    malware,
    fixedVersions: fixedVersionsOf(record, purlType, name),
    url: `https://osv.dev/vulnerability/${encodeURIComponent(record.id)}`,
    published: record.published,
    withdrawn: record.withdrawn,
  };
}

/** A record about a malicious package rather than a vulnerability. */
export function isMalware(record: OsvRecord): boolean {
  if (record.id.startsWith('MAL-')) return true;
  const specific = record.database_specific;
  if (specific && 'malicious-packages-origins' in specific) return true;
  const cwes = specific?.['cwe_ids'];
  if (Array.isArray(cwes) && cwes.includes('CWE-506')) return true; // Embedded Malicious Code
  return MALICIOUS_SUMMARY.test(record.summary ?? '');
}

function severityOf(record: OsvRecord, score: number | undefined, malware: boolean): Severity {
  const rated = record.database_specific?.['severity'];
  if (typeof rated === 'string') {
    const severity = GHSA_SEVERITY[rated.toUpperCase()];
    if (severity) return severity;
  }
  if (score !== undefined) return cvssSeverity(score);
  // A malicious release has no CVSS vector; running it is a full compromise.
  return malware ? 'critical' : 'unknown';
}

function fixedVersionsOf(record: OsvRecord, purlType: string, name: string): string[] {
  const wanted = normalisePackageName(purlType, name);
  const fixed = new Set<string>();
  for (const affected of record.affected) {
    const pkg = affected.package;
    if (!pkg || purlTypeOf(pkg.ecosystem) !== purlType || normalisePackageName(purlType, pkg.name) !== wanted) continue;
    for (const range of affected.ranges) {
      if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') continue;
      for (const event of range.events) {
        const value = (event as { fixed?: unknown } | null)?.fixed;
        if (typeof value === 'string' && value !== '') fixed.add(value);
      }
    }
  }
  return sortVersions([...fixed]);
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.split('\n').find((l) => l.trim() !== '');
  return line?.trim().slice(0, 200);
}
