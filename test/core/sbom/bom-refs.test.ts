import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../../src/core/model.js';
import { buildBom, serializeBom, type BomOptions } from '../../../src/core/sbom/index.js';
import { hasDistinctBomRefs } from '../../../src/core/sbom/serialize.js';
import { hostileGraph } from './hostile-graph.js';
import { sampleAppGraph, sampleMonorepoGraph } from './sample-graphs.js';

const OPTIONS: BomOptions = { root: { name: 'repo', version: '1.0.0' }, toolVersion: '0.1.0', deterministic: true };
const CASES: ReadonlyArray<readonly [string, () => DependencyGraph[]]> = [
  ['a small app', () => [sampleAppGraph()]],
  ['two lockfiles sharing packages and a monorepo', () => [sampleAppGraph(), sampleAppGraph('tools/package-lock.json'), sampleMonorepoGraph()]],
  ['hostile names, versions and licences', () => [hostileGraph()]],
];
const library = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));

function twoComponents(ref: string | undefined, other: string | undefined): Models.Bom {
  const bom = new Models.Bom();
  bom.metadata.component = new Models.Component(Enums.ComponentType.Application, 'root', { bomRef: 'root' });
  bom.components.add(new Models.Component(Enums.ComponentType.Library, 'a', { bomRef: ref }));
  bom.components.add(new Models.Component(Enums.ComponentType.Library, 'b', { bomRef: other }));
  return bom;
}

describe('serializeBom JSON without the bom-ref pass', () => {
  it.each(CASES)('gives the bytes of the library serialiser: %s', (_, graphs) => {
    const bom = buildBom(graphs(), OPTIONS);
    expect(hasDistinctBomRefs(bom)).toBe(true);
    expect(serializeBom(bom, 'json')).toBe(library.serialize(bom, { sortLists: true }));
    expect(serializeBom(bom, 'json', { space: 2 })).toBe(library.serialize(bom, { sortLists: true, space: 2 }));
  });

  it('notices a repeated, empty or missing bom-ref, also in nested components', () => {
    expect(hasDistinctBomRefs(twoComponents('x', 'y'))).toBe(true);
    expect(hasDistinctBomRefs(twoComponents('x', 'x'))).toBe(false);
    expect(hasDistinctBomRefs(twoComponents('x', ''))).toBe(false);
    expect(hasDistinctBomRefs(twoComponents('x', undefined))).toBe(false);
    expect(hasDistinctBomRefs(twoComponents('root', 'y'))).toBe(false);
    const nested = twoComponents('x', 'y');
    [...nested.components][0]?.components.add(new Models.Component(Enums.ComponentType.Library, 'c', { bomRef: 'y' }));
    expect(hasDistinctBomRefs(nested)).toBe(false);
  });

  it('lets the library make repeated refs unique, as before', () => {
    const bom = twoComponents('x', 'x');
    const refs = (JSON.parse(serializeBom(bom, 'json')) as { components: { 'bom-ref': string }[] }).components.map((c) => c['bom-ref']);
    expect(refs).toHaveLength(2);
    expect(new Set(refs).size).toBe(2);
    // The library restores the refs it replaced: the BOM itself is unchanged.
    expect([...bom.components].map((c) => c.bomRef.value)).toEqual(['x', 'x']);
  });
});
