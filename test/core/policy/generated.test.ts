import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderBuiltinPoliciesModule, renderPolicySchema } from '../../../src/core/policy/generate.js';

// The generated files must match what the zod schema and policies/*.yml give now.
// Regenerate with scripts/policy-schema.ts, or run this file with UPDATE_GOLDEN=1.
const path = (relative: string): URL => new URL(`../../../${relative}`, import.meta.url);
const read = (relative: string): string => readFileSync(path(relative), 'utf8');

function expectFresh(relative: string, expected: string): void {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path(relative), expected);
  expect(read(relative), `${relative} is stale: run scripts/policy-schema.ts`).toBe(expected);
}

describe('generated policy files', () => {
  it('policies/schema.json is generated from the zod schema', () => {
    expectFresh('policies/schema.json', renderPolicySchema());
  });

  it('the embedded built-in policies are policies/*.yml as they are', () => {
    const module = renderBuiltinPoliciesModule({
      'chaingate:default': { file: 'policies/default.yml', content: read('policies/default.yml') },
      'chaingate:strict': { file: 'policies/strict.yml', content: read('policies/strict.yml') },
    });
    expectFresh('src/core/policy/builtin-policies.generated.ts', module);
  });
});
