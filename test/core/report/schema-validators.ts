import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { FIXTURES } from '../../helpers/fixtures.js';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The official SARIF 2.1.0 schema (test/fixtures/sarif/README.md), loaded as draft-07: its `id` becomes `$id`. */
export async function sarifValidator(): Promise<ValidateFunction> {
  const schema = JSON.parse(await readFile(join(FIXTURES, 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  const { id, ...rest } = schema;
  delete rest.$schema; // draft-04; everything else in it reads the same under draft-07
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: String(id) });
}

/** The documented verdict JSON schema, strict. */
export async function verdictValidator(): Promise<ValidateFunction> {
  const schema = JSON.parse(await readFile(new URL('../../../src/core/report/verdict-schema.json', import.meta.url), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: true });
  return ajv.compile(schema);
}
