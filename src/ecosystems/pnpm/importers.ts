import { ParseError } from '../../core/errors.js';
import type { DependencyKind } from '../../core/model.js';
import { quote } from '../shared/names.js';
import { isRecord } from '../shared/text.js';
import { readReferences, toMap, type Reference } from './entries.js';

/** One project of the lockfile: `.` for the root, else its folder relative to the lockfile. */
export interface Importer {
  readonly id: string;
  readonly dependencies: readonly Reference[];
}

const FIELDS: ReadonlyArray<readonly [string, DependencyKind]> = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
  ['devDependencies', 'dev'],
];

/**
 * The importers of a lockfile. A single-project 5.4 or 6.0 lockfile keeps the
 * root's dependencies at the top level instead of under `importers`.
 * @throws {ParseError} MALFORMED, INVALID_NAME
 */
export function readImporters(doc: Record<string, unknown>, path: string): Importer[] {
  if (doc.importers === undefined) return [readImporter('.', doc, path)];
  const importers: Importer[] = [];
  for (const [id, value] of toMap(doc.importers, 'importers', path)) {
    assertImporterPath(id, path);
    if (!isRecord(value)) throw new ParseError('MALFORMED', path, `importer ${quote(id)} is not a mapping`);
    importers.push(readImporter(id, value, path));
  }
  return importers;
}

function readImporter(id: string, value: Record<string, unknown>, path: string): Importer {
  const dependencies: Reference[] = [];
  for (const [field, kind] of FIELDS) {
    dependencies.push(...readReferences(value[field], kind, id === '.' ? field : `importers.${id}.${field}`, path));
  }
  return { id, dependencies };
}

/** Importer ids become workspace ids and sibling paths: relative, inside the project, printable. */
function assertImporterPath(id: string, path: string): void {
  if (id === '.') return;
  const bad =
    id === '' ||
    id.startsWith('/') ||
    /^[a-zA-Z]:/.test(id) ||
    /[\u0000-\u001f\u007f\\<>"`]/.test(id) ||
    id.split('/').some((segment) => segment === '..' || segment === '.' || segment === '');
  if (bad) throw new ParseError('MALFORMED', path, `importer path ${quote(id)} is not a folder inside the project`);
}
