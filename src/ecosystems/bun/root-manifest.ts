import { ParseError } from '../../core/errors.js';
import type { GraphBuilder } from '../../core/graph/builder.js';
import { isRecord, optionalString, parseJson } from '../shared/text.js';
import type { OpenSibling } from '../types.js';
import { warnUnrecorded } from '../shared/manifest-gap.js';

// Optional dependencies and peers may rightly be missing from a lock; these may not.
const REQUIRED_GROUPS = ['dependencies', 'devDependencies'] as const;

/** What the root package.json says that the lockfile may lack or contradict. */
export interface RootManifest {
  /** bun writes every workspace's version into `workspaces` except the root's. */
  readonly version: string | undefined;
  /** `dependencies` and `devDependencies`, `name@spec` by group. */
  readonly declared: readonly { readonly name: string; readonly spec: string; readonly field: string }[];
}

/**
 * The package.json beside the lockfile. Undefined when siblings cannot be
 * opened or there is none.
 * @throws {ParseError} MALFORMED when package.json exists but is not a JSON object
 */
export async function readRootManifest(open: OpenSibling | undefined, lockPath: string): Promise<RootManifest | undefined> {
  const text = open ? await open('package.json') : undefined;
  if (text === undefined) return undefined;
  const slash = lockPath.lastIndexOf('/');
  const file = slash < 0 ? 'package.json' : `${lockPath.slice(0, slash)}/package.json`;
  const json = parseJson(text, file);
  if (!isRecord(json)) throw new ParseError('MALFORMED', file, 'is not a JSON object');
  const optional = isRecord(json.optionalDependencies) ? json.optionalDependencies : {};
  const declared: { name: string; spec: string; field: string }[] = [];
  for (const field of REQUIRED_GROUPS) {
    const group = json[field];
    if (!isRecord(group)) continue;
    for (const [name, spec] of Object.entries(group)) {
      if (typeof spec === 'string' && !Object.hasOwn(optional, name)) declared.push({ name, spec, field });
    }
  }
  return { version: optionalString(json.version), declared };
}

/**
 * Records a MISSING_FROM_LOCKFILE warning for each dependency the root
 * package.json declares that the lock's root workspace does not: a manifest
 * edited after the last `bun install`.
 */
export function warnMissingFromLockfile(builder: GraphBuilder, declared: RootManifest['declared'], root: Record<string, unknown>): void {
  for (const dependency of declared) {
    if (!recordsName(root, dependency.name)) warnUnrecorded(builder, '.', dependency, 'bun install');
  }
}

function recordsName(root: Record<string, unknown>, name: string): boolean {
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const group = root[field];
    if (isRecord(group) && Object.hasOwn(group, name)) return true;
  }
  return false;
}
