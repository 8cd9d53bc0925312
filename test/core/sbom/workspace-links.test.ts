import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import { buildBom, serializeBom, type BomOptions } from '../../../src/core/sbom/index.js';
import { bunParser } from '../../../src/ecosystems/bun/index.js';
import { npmParser } from '../../../src/ecosystems/npm/index.js';
import { pnpmParser } from '../../../src/ecosystems/pnpm/index.js';
import type { LockfileParser } from '../../../src/ecosystems/types.js';
import { yarnBerryParser, yarnClassicParser } from '../../../src/ecosystems/yarn/index.js';
import { fixtureOptionsWithFiles } from '../../helpers/fixture-files.js';
import { readFixture } from '../../helpers/fixtures.js';

const OPTIONS: BomOptions = { root: { name: 'repo', version: '1.0.0' }, toolVersion: '0.1.0', deterministic: true };
const MONOREPOS: ReadonlyArray<readonly [string, LockfileParser]> = [
  ['npm/v3/monorepo/package-lock.json', npmParser],
  ['yarn/classic/monorepo/yarn.lock', yarnClassicParser],
  ['yarn/berry4/monorepo/yarn.lock', yarnBerryParser],
  ['pnpm/pnpm9/monorepo/pnpm-lock.yaml', pnpmParser],
  ['bun/monorepo/bun.lock', bunParser],
];

interface BomJson {
  readonly components: ReadonlyArray<{ readonly 'bom-ref': string; readonly name: string }>;
  readonly dependencies: ReadonlyArray<{ readonly ref: string; readonly dependsOn?: readonly string[] }>;
}

describe('workspace links in the SBOM of a real monorepo', () => {
  const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

  it.each(MONOREPOS)('%s: the api workspace depends on the shared workspace component, and the BOM validates', async (rel, parser) => {
    const graph = await parser.parse(await readFixture(rel), fixtureOptionsWithFiles(rel));
    // As if the lockfile sat at the repository root, so workspace components are `workspace:packages/…`.
    const json = serializeBom(buildBom([{ ...graph, path: 'package-lock.json' }], OPTIONS), 'json');
    expect(await validator.validate(json)).toBeNull();
    const bom = JSON.parse(json) as BomJson;
    const dependsOn = (ref: string): readonly string[] => bom.dependencies.find((d) => d.ref === ref)?.dependsOn ?? [];
    expect(dependsOn('workspace:packages/api')).toEqual([
      'pkg:npm/express@4.22.3',
      'pkg:npm/ms@2.0.0',
      'workspace:packages/shared',
    ]);
    expect(dependsOn('workspace:packages/shared')).toEqual(['pkg:npm/lodash@4.18.1', 'pkg:npm/ms@2.1.3']);
    expect(bom.components.filter((c) => c.name === 'shared' || c.name === '@fixture/shared').map((c) => c['bom-ref'])).toEqual([
      'workspace:packages/shared',
    ]);
  });
});
