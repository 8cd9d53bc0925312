import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../../src/core/model.js';
import { yarnBerryParser, yarnClassicParser } from '../../../src/ecosystems/yarn/index.js';
import type { LockfileParser } from '../../../src/ecosystems/types.js';
import { fixtureOptionsWithFiles } from '../../helpers/fixture-files.js';
import { fixtureOptions, readFixture } from '../../helpers/fixtures.js';

async function parse(parser: LockfileParser, variant: string, recipe: string): Promise<DependencyGraph> {
  const rel = `yarn/${variant}/${recipe}/yarn.lock`;
  return parser.parse(await readFixture(rel), fixtureOptions(rel));
}

function nameVersions(graph: DependencyGraph): string[] {
  return [...graph.packages.values()].map((p) => `${p.name}@${p.version}`).sort();
}

describe('one recipe through yarn classic and yarn berry', () => {
  it.each(['app', 'monorepo', 'upgrade/base', 'upgrade/head'])('gives the same packages for %s', async (recipe) => {
    const classic = nameVersions(await parse(yarnClassicParser, 'classic', recipe));
    expect(nameVersions(await parse(yarnBerryParser, 'berry4', recipe))).toEqual(classic);
    expect(nameVersions(await parse(yarnBerryParser, 'berry3', recipe))).toEqual(classic);
  });

  it('gives the same direct dependencies and dev flags for app', async () => {
    const classic = await parse(yarnClassicParser, 'classic', 'app');
    const berry = await parse(yarnBerryParser, 'berry4', 'app');
    const direct = (g: DependencyGraph) => (g.workspaces.get('.')?.dependencies ?? []).map((e) => `${e.alias}>${e.to}:${e.kind}`).sort();
    expect(direct(berry)).toEqual(direct(classic));
    const dev = (g: DependencyGraph) => [...g.packages.values()].filter((p) => p.dev).map((p) => p.id).sort();
    expect(dev(berry)).toEqual(dev(classic));
  });

  it('gives the same workspaces, direct dependencies and dev flags for monorepo when classic can list the tree', async () => {
    const rel = 'yarn/classic/monorepo/yarn.lock';
    const classic = await yarnClassicParser.parse(await readFixture(rel), fixtureOptionsWithFiles(rel));
    const berry = await parse(yarnBerryParser, 'berry4', 'monorepo');
    const direct = (g: DependencyGraph) =>
      [...g.workspaces.values()].flatMap((w) => w.dependencies.map((e) => `${w.id}:${e.alias}>${e.to}:${e.kind}`)).sort();
    expect(direct(classic)).toEqual(direct(berry));
    expect(direct(classic)).toHaveLength(5);
    const flags = (g: DependencyGraph) => [...g.packages.values()].map((p) => `${p.id}:${p.dev}:${p.optional}:${[...p.directIn].sort().join()}`).sort();
    expect(flags(classic)).toEqual(flags(berry));
  });
});
