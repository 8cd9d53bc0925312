import { DEFAULT_LIMITS, type Limits } from '../../../src/core/limits.js';
import type { DependencyGraph } from '../../../src/core/model.js';
import { npmParser } from '../../../src/ecosystems/npm/index.js';
import type { ParseOptions } from '../../../src/ecosystems/types.js';
import { fixtureOptions, readFixture } from '../../helpers/fixtures.js';

/** npm's own view of a fixture lockfile, written by scripts/fixtures/npm.sh. */
export interface Expected {
  readonly tool: string;
  readonly lockfileVersion: number;
  readonly packages: number;
  readonly ids: readonly string[];
}

/** Parses `test/fixtures/npm/<dir>/package-lock.json` with its siblings on disk. */
export async function parseFixture(dir: string, overrides: Partial<ParseOptions> = {}): Promise<DependencyGraph> {
  const rel = `npm/${dir}/package-lock.json`;
  return npmParser.parse(await readFixture(rel), fixtureOptions(rel, overrides));
}

export async function readExpected(dir: string): Promise<Expected> {
  return JSON.parse(await readFixture(`npm/${dir}/expected.json`)) as Expected;
}

export async function readLockfile(dir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFixture(`npm/${dir}/package-lock.json`)) as Record<string, unknown>;
}

/** Parses inline lockfile text as `package-lock.json` with no siblings. */
export function parseText(content: string, limits: Partial<Limits> = {}): Promise<DependencyGraph> {
  return npmParser.parse(content, { path: 'package-lock.json', limits: { ...DEFAULT_LIMITS, ...limits } });
}

export function idsOf(graph: DependencyGraph): string[] {
  return [...graph.packages.values()].map((p) => `${p.name}@${p.version}`).sort();
}

export function edgeTargets(edges: readonly { to: string; alias: string; kind: string }[]): string[] {
  return edges.map((e) => `${e.alias}->${e.to}:${e.kind}`).sort();
}
