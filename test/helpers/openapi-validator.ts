import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * GitHub's REST API description for the operations chaingate calls
 * (test/fixtures/github/openapi-subset.json, extracted from @octokit/openapi
 * by scripts/github-openapi-subset.mjs), compiled once, with the checks a
 * strict fake applies to every request: the route exists, every required
 * parameter is there and well typed, no unknown query parameter, and the
 * body matches the schema.
 */
export interface ApiOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly { readonly name: string; readonly in: 'path' | 'query' | 'header'; readonly required: boolean; readonly schema: Record<string, unknown> }[];
  readonly requestBody?: { readonly required: boolean; readonly schema: Record<string, unknown> };
  readonly responses: Readonly<Record<string, Record<string, unknown>>>;
}

interface CompiledOperation extends ApiOperation {
  readonly pattern: RegExp;
  readonly names: string[];
  readonly validateBody?: ValidateFunction;
  readonly validateResponse: Map<string, ValidateFunction>;
}

const SUBSET = JSON.parse(readFileSync(new URL('../fixtures/github/openapi-subset.json', import.meta.url), 'utf8')) as { operations: ApiOperation[] };
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
// OpenAPI 3.0 schemas carry keywords JSON Schema does not know (nullable, x-*): not strict.
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

const OPERATIONS: CompiledOperation[] = SUBSET.operations.map((op) => {
  const names: string[] = [];
  const pattern = new RegExp(`^${op.path.replace(/\{([^}]+)\}/gu, (_m, name: string) => (names.push(name), '([^/]+)'))}$`, 'u');
  return {
    ...op,
    pattern,
    names,
    ...(op.requestBody ? { validateBody: ajv.compile(op.requestBody.schema) } : {}),
    validateResponse: new Map(Object.entries(op.responses).map(([status, schema]) => [status, ajv.compile(schema)])),
  };
});

export type Validated =
  | { readonly ok: true; readonly operationId: string; readonly params: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly status: 404 | 422; readonly reason: string; readonly operationId?: string };

/** Checks one request against the description. `pathname` is relative to the API root (no `/api/v3`). */
export function validateRequest(method: string, pathname: string, query: URLSearchParams, body: unknown): Validated {
  const op = OPERATIONS.find((o) => o.method === method && o.pattern.test(pathname));
  if (!op) return { ok: false, status: 404, reason: 'no such operation in the GitHub REST API description' };
  const match = op.pattern.exec(pathname)!;
  const params = Object.fromEntries(op.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
  const fail = (reason: string): Validated => ({ ok: false, status: 422, reason, operationId: op.operationId });
  for (const p of op.parameters) {
    const raw = p.in === 'path' ? params[p.name] : p.in === 'query' ? query.get(p.name) ?? undefined : undefined;
    if (raw === undefined) {
      if (p.required) return fail(`missing required ${p.in} parameter ${p.name}`);
      continue;
    }
    const value = p.schema.type === 'integer' ? (/^-?\d+$/u.test(raw) ? Number(raw) : raw) : p.schema.type === 'boolean' ? (raw === 'true' ? true : raw === 'false' ? false : raw) : raw;
    const validate = ajv.compile(p.schema);
    if (!validate(value)) return fail(`${p.in} parameter ${p.name}=${raw}: ${ajv.errorsText(validate.errors)}`);
  }
  for (const key of query.keys()) {
    if (!op.parameters.some((p) => p.in === 'query' && p.name === key)) return fail(`unknown query parameter ${key}`);
  }
  if (op.requestBody) {
    if (body === undefined && op.requestBody.required) return fail('missing request body');
    if (body !== undefined && !op.validateBody!(body)) return fail(`invalid body: ${ajv.errorsText(op.validateBody!.errors)}`);
  } else if (body !== undefined && method !== 'GET') {
    return fail('this operation takes no body');
  }
  return { ok: true, operationId: op.operationId, params };
}

/** Checks a fake's answer against the documented response schema; `undefined` when it fits (or none is documented). */
export function validateResponse(operationId: string, status: number, json: unknown): string | undefined {
  const validate = OPERATIONS.find((o) => o.operationId === operationId)?.validateResponse.get(String(status));
  if (!validate || validate(json)) return undefined;
  return `${operationId} ${status}: ${ajv.errorsText(validate.errors)}`;
}
