import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURES } from '../../helpers/fixtures.js';
import type { RecordedRequest } from '../../helpers/http-server.js';

/** The trimmed OpenAPI description of `GET /advisories` (see test/fixtures/github-advisories/README.md). */
export interface AdvisoriesSpec {
  readonly paths: Record<string, Record<string, { parameters: Array<Record<string, unknown>> }>>;
  readonly components: Record<string, Record<string, Record<string, unknown>>>;
}

export async function loadAdvisoriesSpec(): Promise<AdvisoriesSpec> {
  return JSON.parse(await readFile(join(FIXTURES, 'github-advisories', 'openapi-advisories.json'), 'utf8')) as AdvisoriesSpec;
}

interface Parameter {
  name: string;
  in: string;
  schema: { type?: string; enum?: string[]; minimum?: number; maximum?: number; oneOf?: Array<{ type: string; maxItems?: number }>; $ref?: string };
}

/**
 * The problems with one request against the description: an unknown path or
 * method, a query parameter the operation does not declare, a value outside
 * its enum or bounds, more `affects` entries than the array form allows.
 */
export function requestProblems(spec: AdvisoriesSpec, request: RecordedRequest): string[] {
  const url = new URL(request.path, 'http://x');
  const operation = spec.paths[url.pathname]?.[request.method.toLowerCase()];
  if (!operation) return [`${request.method} ${url.pathname} is not in the description`];
  const parameters = new Map<string, Parameter>();
  for (const raw of operation.parameters) {
    const resolved = (typeof raw['$ref'] === 'string' ? resolve(spec, raw['$ref']) : raw) as unknown as Parameter;
    parameters.set(resolved.name, resolved);
  }
  const problems: string[] = [];
  for (const [name, value] of url.searchParams) {
    const parameter = parameters.get(name);
    if (!parameter || parameter.in !== 'query') {
      problems.push(`query parameter ${name} is not declared`);
      continue;
    }
    let schema = parameter.schema;
    if (schema.$ref) schema = resolve(spec, schema.$ref) as Parameter['schema'];
    if (schema.enum && !schema.enum.includes(value)) problems.push(`${name}=${value} is not one of ${schema.enum.join(', ')}`);
    if (schema.type === 'integer') {
      const n = Number(value);
      if (!Number.isInteger(n) || (schema.minimum !== undefined && n < schema.minimum) || (schema.maximum !== undefined && n > schema.maximum)) {
        problems.push(`${name}=${value} is outside ${schema.minimum}–${schema.maximum}`);
      }
    }
    const arrayForm = schema.oneOf?.find((s) => s.type === 'array');
    if (arrayForm?.maxItems !== undefined && value.split(',').length > arrayForm.maxItems) problems.push(`${name} lists more than ${arrayForm.maxItems} entries`);
  }
  return problems;
}

function resolve(spec: AdvisoriesSpec, ref: string): Record<string, unknown> {
  const [, , kind, name] = ref.split('/');
  const target = spec.components[kind ?? '']?.[name ?? ''];
  if (!target) throw new Error(`unresolved ${ref}`);
  return target;
}
