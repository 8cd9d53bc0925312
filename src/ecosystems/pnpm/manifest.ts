import { ParseError } from '../../core/errors.js';
import type { GraphBuilder } from '../../core/graph/builder.js';
import { isRecord, parseJson } from '../shared/text.js';
import type { OpenSibling } from '../types.js';
import type { Importer } from './importers.js';
import { warnUnrecorded } from '../shared/manifest-gap.js';

/** A dependency a package.json declares: `name@spec` in `field`. */
export interface Declared {
  readonly name: string;
  readonly spec: string;
  readonly field: string;
}

/** The name and version a workspace's package.json declares (pnpm's lockfile records neither), and its dependencies. */
export interface WorkspaceLabel {
  readonly name: string | undefined;
  readonly version: string | undefined;
  /** `dependencies` and `devDependencies`: what a lockfile in sync must record for this importer. */
  readonly declared: readonly Declared[];
}

const NONE: WorkspaceLabel = { name: undefined, version: undefined, declared: [] };
// Optional dependencies and peers may rightly be missing from a lock; these may not.
const REQUIRED_GROUPS = ['dependencies', 'devDependencies'] as const;

/**
 * Reads `<importer>/package.json` next to the lockfile, when siblings can be opened.
 * @throws {ParseError} MALFORMED when the file exists but is not a JSON object
 */
export async function readWorkspaceLabel(open: OpenSibling | undefined, importer: string, lockPath: string): Promise<WorkspaceLabel> {
  if (!open) return NONE;
  const rel = importer === '.' ? 'package.json' : `${importer}/package.json`;
  const text = await open(rel);
  if (text === undefined) return NONE;
  const slash = lockPath.lastIndexOf('/');
  const file = slash < 0 ? rel : `${lockPath.slice(0, slash)}/${rel}`;
  const json = parseJson(text, file);
  if (!isRecord(json)) throw new ParseError('MALFORMED', file, 'is not a JSON object');
  return {
    name: typeof json.name === 'string' ? json.name : undefined,
    version: typeof json.version === 'string' ? json.version : undefined,
    declared: readDeclared(json),
  };
}

function readDeclared(json: Record<string, unknown>): Declared[] {
  const declared: Declared[] = [];
  const optional = isRecord(json.optionalDependencies) ? json.optionalDependencies : {};
  for (const field of REQUIRED_GROUPS) {
    const group = json[field];
    if (!isRecord(group)) continue;
    for (const [name, spec] of Object.entries(group)) {
      // An optional dependency overrides a same-named one; pnpm may leave `link:` ones out (excludeLinksFromLockfile).
      if (typeof spec !== 'string' || Object.hasOwn(optional, name) || spec.startsWith('link:')) continue;
      declared.push({ name, spec, field });
    }
  }
  return declared;
}

/**
 * Records a MISSING_FROM_LOCKFILE warning for each dependency an importer's
 * package.json declares that the lockfile does not record for it: a manifest
 * edited after the last install.
 */
export function warnMissingFromLockfile(builder: GraphBuilder, importer: Importer, declared: readonly Declared[]): void {
  if (declared.length === 0) return;
  const recorded = new Set(importer.dependencies.map((ref) => ref.alias));
  for (const dependency of declared) {
    if (!recorded.has(dependency.name)) warnUnrecorded(builder, importer.id, dependency, 'pnpm install');
  }
}
