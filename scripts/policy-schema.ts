// Regenerates policies/schema.json and src/core/policy/builtin-policies.generated.ts
// from the zod schema (src/core/policy/schema.ts) and policies/*.yml.
//
//   node --input-type=module -e "await (await import('vite')).runnerImport('./scripts/policy-schema.ts')"
//
// test/core/policy/generated.test.ts fails when either file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderBuiltinPoliciesModule, renderPolicySchema } from '../src/core/policy/generate.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string): string => readFileSync(`${root}${path}`, 'utf8');

writeFileSync(`${root}policies/schema.json`, renderPolicySchema());
writeFileSync(
  `${root}src/core/policy/builtin-policies.generated.ts`,
  renderBuiltinPoliciesModule({
    'chaingate:default': { file: 'policies/default.yml', content: read('policies/default.yml') },
    'chaingate:strict': { file: 'policies/strict.yml', content: read('policies/strict.yml') },
  }),
);
console.log('wrote policies/schema.json and src/core/policy/builtin-policies.generated.ts');
