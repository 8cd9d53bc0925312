/** The parts of an OSV record (https://ossf.github.io/osv-schema/) chaingate reads, shaped from untrusted JSON. */

export interface OsvEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

export interface OsvRange {
  readonly type: string;
  readonly events: readonly unknown[];
}

export interface OsvAffected {
  readonly package?: { readonly ecosystem: string; readonly name: string };
  readonly ranges: readonly OsvRange[];
  readonly versions: readonly string[];
}

export interface OsvSeverity {
  readonly type: string;
  readonly score: string;
}

export interface OsvRecord {
  readonly id: string;
  readonly modified?: string;
  readonly published?: string;
  readonly withdrawn?: string;
  readonly aliases: readonly string[];
  readonly summary?: string;
  readonly details?: string;
  readonly severity: readonly OsvSeverity[];
  readonly affected: readonly OsvAffected[];
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

/**
 * Shapes one record. Returns `undefined` when the record has no string `id`;
 * malformed parts below it (a range without events, a versions list with
 * numbers) are dropped rather than failing the record.
 */
export function toOsvRecord(value: unknown): OsvRecord | undefined {
  if (!isObject(value) || typeof value['id'] !== 'string' || value['id'] === '') return undefined;
  return {
    id: value['id'],
    modified: optionalString(value['modified']),
    published: optionalString(value['published']),
    withdrawn: optionalString(value['withdrawn']),
    aliases: strings(value['aliases']),
    summary: optionalString(value['summary']),
    details: optionalString(value['details']),
    severity: arrayOf(value['severity'], toSeverity),
    affected: arrayOf(value['affected'], toAffected),
    database_specific: isObject(value['database_specific']) ? value['database_specific'] : undefined,
  };
}

function toAffected(value: unknown): OsvAffected | undefined {
  if (!isObject(value)) return undefined;
  const pkg = value['package'];
  const named = isObject(pkg) && typeof pkg['ecosystem'] === 'string' && typeof pkg['name'] === 'string';
  return {
    package: named ? { ecosystem: pkg['ecosystem'] as string, name: pkg['name'] as string } : undefined,
    ranges: arrayOf(value['ranges'], toRange),
    versions: strings(value['versions']),
  };
}

function toRange(value: unknown): OsvRange | undefined {
  if (!isObject(value) || typeof value['type'] !== 'string') return undefined;
  return { type: value['type'], events: Array.isArray(value['events']) ? value['events'] : [] };
}

function toSeverity(value: unknown): OsvSeverity | undefined {
  if (!isObject(value) || typeof value['type'] !== 'string' || typeof value['score'] !== 'string') return undefined;
  return { type: value['type'], score: value['score'] };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function arrayOf<T>(value: unknown, shape: (item: unknown) => T | undefined): T[] {
  if (!Array.isArray(value)) return [];
  const out: T[] = [];
  for (const item of value) {
    const shaped = shape(item);
    if (shaped !== undefined) out.push(shaped);
  }
  return out;
}
