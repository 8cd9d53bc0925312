import { InvalidProvenance } from './invalid.js';
import { normaliseRepositoryUrl } from './repository-url.js';

export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
export const SLSA_PROVENANCE_V02 = 'https://slsa.dev/provenance/v0.2';
export const NPM_PUBLISH_V01 = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const IN_TOTO_STATEMENT_TYPES = new Set(['https://in-toto.io/Statement/v0.1', 'https://in-toto.io/Statement/v1']);

/** The parts of an in-toto statement chaingate reads. */
export interface InTotoStatement {
  readonly subjects: readonly { readonly name: string; readonly sha512: string | undefined; readonly sha256: string | undefined }[];
  readonly predicateType: string;
  readonly predicate: Record<string, unknown>;
}

/** Where a SLSA provenance says the package was built. */
export interface BuildSource {
  /** `https://host/owner/repo`. */
  readonly repository: string;
  /** The workflow file in that repository, e.g. `.github/workflows/publish.yml`, where the build type names one. */
  readonly workflowPath: string | undefined;
  /** The git ref the workflow ran on, e.g. `refs/tags/v1.2.3`. */
  readonly ref: string | undefined;
}

/**
 * Reads a DSSE payload as an in-toto statement.
 * @throws {InvalidProvenance} malformed.
 */
export function readStatement(payloadType: string, payload: Buffer): InTotoStatement {
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE) throw new InvalidProvenance('malformed', `DSSE payload type is ${JSON.stringify(payloadType)}, not ${IN_TOTO_PAYLOAD_TYPE}`);
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch (error) {
    throw new InvalidProvenance('malformed', 'the DSSE payload is not JSON', { cause: error });
  }
  if (!isRecord(json)) throw new InvalidProvenance('malformed', 'the in-toto statement is not an object');
  if (typeof json['_type'] !== 'string' || !IN_TOTO_STATEMENT_TYPES.has(json['_type'])) {
    throw new InvalidProvenance('malformed', `unknown in-toto statement type ${JSON.stringify(json['_type'])}`);
  }
  const { subject, predicateType, predicate } = json;
  if (!Array.isArray(subject) || subject.length === 0) throw new InvalidProvenance('malformed', 'the in-toto statement has no subject');
  if (typeof predicateType !== 'string' || !isRecord(predicate)) throw new InvalidProvenance('malformed', 'the in-toto statement has no predicate');
  const subjects = subject.map((s) => {
    if (!isRecord(s) || typeof s['name'] !== 'string' || !isRecord(s['digest'])) throw new InvalidProvenance('malformed', 'an in-toto subject lacks a name or digest');
    const { sha512, sha256 } = s['digest'];
    return { name: s['name'], sha512: typeof sha512 === 'string' ? sha512.toLowerCase() : undefined, sha256: typeof sha256 === 'string' ? sha256.toLowerCase() : undefined };
  });
  return { subjects, predicateType, predicate };
}

/**
 * The statement must be about `name@version` and, when the package's SRI integrity is known, about exactly
 * those bytes: a subject's `sha512` hex equals the integrity's sha512.
 * @throws {InvalidProvenance} subject, digest-mismatch.
 */
export function checkSubject(statement: InTotoStatement, name: string, version: string, integrity: string | undefined): void {
  const expected = `pkg:npm/${name}@${version}`;
  const named = statement.subjects.filter((s) => safeDecode(s.name) === expected);
  if (named.length === 0) {
    throw new InvalidProvenance('subject', `the statement is about ${statement.subjects.map((s) => s.name).join(', ')}, not ${expected}`);
  }
  if (integrity === undefined) return;
  const sha512 = sha512Hex(integrity);
  if (sha512 === undefined) return;
  if (!named.some((s) => s.sha512 === sha512)) {
    const attested = named.map((s) => s.sha512 ?? '(none)').join(', ');
    throw new InvalidProvenance('digest-mismatch', `the provenance attests sha512 ${attested}, the package's integrity is sha512 ${sha512}`);
  }
}

/**
 * The hex sha512 of an SRI string (`sha512-<base64>`, several hashes separated by spaces).
 * @returns `undefined` when it holds no sha512.
 */
export function sha512Hex(integrity: string): string | undefined {
  for (const part of integrity.trim().split(/\s+/)) {
    const match = /^sha512-([A-Za-z0-9+/]+={0,2})(?:\?.*)?$/.exec(part);
    if (match) {
      const bytes = Buffer.from(match[1]!, 'base64');
      if (bytes.length === 64) return bytes.toString('hex');
    }
  }
  return undefined;
}

/**
 * The source repository, workflow and ref of a SLSA provenance predicate:
 * v1 `buildDefinition.externalParameters.workflow.{repository,path,ref}` (GitHub Actions build type);
 * v0.2 `invocation.configSource.{uri,entryPoint}` (npm CLI's GitHub and GitLab build types).
 * @throws {InvalidProvenance} malformed, unsupported.
 */
export function readBuildSource(statement: InTotoStatement): BuildSource {
  if (statement.predicateType === SLSA_PROVENANCE_V1) return fromV1(statement.predicate);
  if (statement.predicateType === SLSA_PROVENANCE_V02) return fromV02(statement.predicate);
  throw new InvalidProvenance('unsupported', `predicate type ${statement.predicateType}`);
}

function fromV1(predicate: Record<string, unknown>): BuildSource {
  const definition = predicate['buildDefinition'];
  const external = isRecord(definition) ? definition['externalParameters'] : undefined;
  const workflow = isRecord(external) ? external['workflow'] : undefined;
  if (!isRecord(workflow) || typeof workflow['repository'] !== 'string') {
    const buildType = isRecord(definition) ? definition['buildType'] : undefined;
    throw new InvalidProvenance('unsupported', `SLSA v1 provenance of build type ${JSON.stringify(buildType)} names no externalParameters.workflow.repository`);
  }
  const repository = normaliseRepositoryUrl(workflow['repository']);
  if (!repository) throw new InvalidProvenance('malformed', `unreadable source repository ${JSON.stringify(workflow['repository'])}`);
  return {
    repository,
    workflowPath: typeof workflow['path'] === 'string' ? workflow['path'] : undefined,
    ref: typeof workflow['ref'] === 'string' ? workflow['ref'] : undefined,
  };
}

function fromV02(predicate: Record<string, unknown>): BuildSource {
  const invocation = predicate['invocation'];
  const config = isRecord(invocation) ? invocation['configSource'] : undefined;
  if (!isRecord(config) || typeof config['uri'] !== 'string') throw new InvalidProvenance('unsupported', 'SLSA v0.2 provenance names no invocation.configSource.uri');
  // `git+https://github.com/o/r@refs/tags/v1`: the ref follows the first `@` after the host.
  const uri = config['uri'].replace(/^git\+/, '');
  const hostEnd = uri.indexOf('/', uri.indexOf('://') + 3);
  const at = hostEnd === -1 ? -1 : uri.indexOf('@', hostEnd);
  const repository = normaliseRepositoryUrl(at === -1 ? uri : uri.slice(0, at));
  if (!repository) throw new InvalidProvenance('malformed', `unreadable source repository ${JSON.stringify(config['uri'])}`);
  const ref = at === -1 ? undefined : uri.slice(at + 1);
  return { repository, workflowPath: workflowPathOf(config['entryPoint'], repository, ref), ref };
}

/**
 * npm CLI's v0.2 `entryPoint`: `.github/workflows/x.yml`, or in its first releases the whole
 * `owner/repo/.github/workflows/x.yml@ref` (GITHUB_WORKFLOW_REF). GitLab's is a job name, not a path.
 */
function workflowPathOf(entryPoint: unknown, repository: string, ref: string | undefined): string | undefined {
  if (typeof entryPoint !== 'string' || entryPoint === '') return undefined;
  let path = entryPoint;
  const ownerRepo = new URL(repository).pathname.slice(1);
  if (path.toLowerCase().startsWith(`${ownerRepo.toLowerCase()}/`)) path = path.slice(ownerRepo.length + 1);
  if (ref !== undefined && path.endsWith(`@${ref}`)) path = path.slice(0, -(ref.length + 1));
  return path;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
