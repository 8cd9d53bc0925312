import { createHash } from 'node:crypto';
import { canonicalJson } from '../../core/audit/canonical-json.js';
import { ParseError } from '../../core/errors.js';
import type { AdvisoryFormat, AdvisoryRecordFacts } from '../../core/incident/types.js';
import { advisoryOfGithub, githubAffectedPackages, toGithubAdvisory } from '../github-advisories/index.js';
import { osvAffectedPackages, toAdvisory, toOsvRecord, type AffectedPackage } from '../osv/index.js';

/** An advisory record as given (OSV or GitHub JSON) and what the incident rules read of it. */
export interface AdvisoryDocument {
  readonly facts: AdvisoryRecordFacts;
  /** The JSON as given, stored with the incident so the affected versions are judged later exactly as `check` judges them. */
  readonly record: unknown;
}

const ADVISORY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const MAX_RECORD_CHARS = 1024 * 1024;
const MAX_ALIASES = 200;
const MAX_SUMMARY = 1000;

/**
 * Reads an OSV record or a GitHub advisory (REST `global-advisory`), with
 * the adapters `scope` and `check` use, into the facts an incident keeps.
 * @param label the file or id the record came from, for messages
 * @throws {ParseError} MALFORMED for JSON that is neither, an id that is not an advisory id, a NUL
 *   character, or a live record naming no package chaingate can match; TOO_LARGE for a record over 1 MB
 */
export function readAdvisoryDocument(value: unknown, label: string): AdvisoryDocument {
  const github = toGithubAdvisory(value);
  const osv = github ? undefined : toOsvRecord(value);
  if (!github && !osv) throw new ParseError('MALFORMED', label, 'is not an OSV record or a GitHub advisory (no string "id" or "ghsa_id")');
  const text = canonicalJson(value);
  if (text.length > MAX_RECORD_CHARS) throw new ParseError('TOO_LARGE', label, `the advisory record is larger than ${MAX_RECORD_CHARS} characters`, { limit: MAX_RECORD_CHARS });
  // PostgreSQL's jsonb cannot hold U+0000; no real advisory has one.
  if (text.includes('\\u0000')) throw new ParseError('MALFORMED', label, 'the advisory record holds a NUL character (\\u0000), which no advisory has and the store cannot keep');
  const format: AdvisoryFormat = github ? 'github' : 'osv';
  const packages = affectedPackagesOf(format, value);
  const advisory = github ? advisoryOfGithub(github, []) : toAdvisory(osv!, packages[0]?.ecosystem ?? 'npm', packages[0]?.name ?? '');
  if (!ADVISORY_ID.test(advisory.id)) throw new ParseError('MALFORMED', label, `${JSON.stringify(advisory.id.slice(0, 100))} is not an advisory id`);
  const withdrawn = github ? github.withdrawnAt : osv!.withdrawn;
  if (packages.length === 0 && withdrawn === undefined) throw new ParseError('MALFORMED', label, `${advisory.id} names no affected package chaingate can match`);
  return {
    record: value,
    facts: {
      id: advisory.id,
      aliases: [...new Set(advisory.aliases)].filter((alias) => alias !== advisory.id && ADVISORY_ID.test(alias)).slice(0, MAX_ALIASES),
      format,
      modified: validTime(github ? github.updatedAt : osv!.modified),
      published: validTime(advisory.published),
      withdrawn: withdrawn === undefined ? undefined : (validTime(withdrawn) ?? new Date(0).toISOString()),
      summary: advisory.summary.slice(0, MAX_SUMMARY),
      severity: advisory.severity,
      malware: advisory.malware,
      affected: packages.map((p) => ({ ecosystem: p.ecosystem, name: p.name, versions: p.versions })),
      digest: createHash('sha256').update(text).digest('hex'),
    },
  };
}

/** The packages a stored record affects, judged by the same adapters as checks (a withdrawn record affects nothing). */
export function affectedPackagesOf(format: AdvisoryFormat, record: unknown): AffectedPackage[] {
  if (format === 'github') {
    const github = toGithubAdvisory(record);
    return github ? githubAffectedPackages(github) : [];
  }
  const osv = toOsvRecord(record);
  return osv && !osv.withdrawn ? osvAffectedPackages(osv) : [];
}

function validTime(text: string | undefined): string | undefined {
  return text !== undefined && !Number.isNaN(Date.parse(text)) ? new Date(Date.parse(text)).toISOString() : undefined;
}
