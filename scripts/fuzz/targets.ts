import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { OsvIndex } from '../../src/adapters/osv/offline-index.js';
import { indexRecordText, indexZipBuffer, OsvLoadReport } from '../../src/adapters/osv/offline-source.js';
import { ConfigError, ParseError, UpstreamError } from '../../src/core/errors.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import type { LockfileFormat } from '../../src/core/model.js';
import { resolvePolicy } from '../../src/core/policy/index.js';
import { lockfileParsers, sbomParsers } from '../../src/ecosystems/api.js';
import { joinWithin } from '../../src/ecosystems/shared/sibling.js';
import { mutateBytes, mutateJsonText, mutateText, randomJson, randomLines } from './mutate.js';
import type { Random } from './random.js';

/** One generated input: the text (or bytes) under test, and the files beside it. */
export interface FuzzInput {
  readonly text?: string;
  readonly bytes?: Buffer;
  readonly siblings?: ReadonlyMap<string, string>;
}

export type Outcome = 'accepted' | 'refused';

export interface FuzzTarget {
  readonly name: string;
  /** File extension of saved inputs. */
  readonly extension: string;
  /** Builds one input from `rng`: a mutated fixture, mostly, or one made from nothing. */
  generate(rng: Random): FuzzInput;
  /** Runs the reader; resolves how it ended, throws anything that is not a clear refusal. */
  run(input: FuzzInput): Promise<Outcome>;
}

/** A refusal the shells turn into a clear message and exit 2 (or "unavailable"): the reader held. */
export function isRefusal(error: unknown): boolean {
  return error instanceof ParseError || error instanceof ConfigError || error instanceof UpstreamError;
}

const MAX_INPUT_CHARS = 2 * 1024 * 1024;

interface Seed {
  readonly text: string;
  readonly siblings: ReadonlyMap<string, string>;
}

export function fuzzTargets(root: string): FuzzTarget[] {
  const fixtures = join(root, 'test', 'fixtures');
  const lockfile = (name: string, format: LockfileFormat, fileName: string, dirs: string[], accept: (path: string) => boolean = (p) => p.endsWith(`/${fileName}`)): FuzzTarget => {
    const parser = lockfileParsers.get(format) ?? sbomParsers.get(format);
    if (!parser) throw new Error(`no parser for ${format}`);
    const seeds = dirs.flatMap((dir) => findFiles(join(fixtures, dir), accept)).map(readSeed);
    return textTarget(name, seeds, fileName.endsWith('.json') ? 'json' : fileName.split('.').pop() ?? 'txt', async (input) => {
      const siblings = input.siblings ?? new Map<string, string>();
      await parser.parse(input.text ?? '', {
        path: fileName,
        limits: DEFAULT_LIMITS,
        openSibling: async (relativePath) => {
          const path = joinWithin('', relativePath);
          return path === undefined ? undefined : siblings.get(path);
        },
        listFiles: async () => [...siblings.keys()],
      });
    });
  };
  const osvRecords = [...findFiles(join(fixtures, 'osv'), (p) => p.endsWith('.json'))].map(readSeed);
  return [
    lockfile('npm', 'npm-package-lock', 'package-lock.json', ['npm', 'cyclonedx', 'spdx']),
    lockfile('yarn-classic', 'yarn-classic', 'yarn.lock', ['yarn/classic']),
    lockfile('yarn-berry', 'yarn-berry', 'yarn.lock', ['yarn'], (p) => p.endsWith('/yarn.lock') && !p.includes('/classic/')),
    lockfile('pnpm', 'pnpm-lock', 'pnpm-lock.yaml', ['pnpm']),
    lockfile('bun', 'bun-lock', 'bun.lock', ['bun']),
    lockfile('cyclonedx', 'cyclonedx-json', 'bom.cdx.json', ['cyclonedx'], (p) => p.endsWith('.cdx.json')),
    lockfile('spdx', 'spdx-json', 'sbom.spdx.json', ['spdx'], (p) => p.endsWith('.spdx.json')),
    textTarget('policy', policySeeds(root), 'yml', async (input) => {
      resolvePolicy([{ file: '.github/chaingate.yml', content: input.text ?? '' }]);
    }),
    textTarget('osv-record', osvRecords, 'json', async (input) => {
      const index = new OsvIndex();
      const report = new OsvLoadReport(index.stats);
      indexRecordText(input.text ?? '', 'record.json', index, report);
      matchAFew(index);
      if (index.stats.records === 0) throw new UpstreamError('BAD_RESPONSE', 'osv-offline', 'no usable record');
    }),
    zipTarget(fixtures, osvRecords),
  ];
}

function textTarget(name: string, seeds: readonly Seed[], extension: string, read: (input: FuzzInput) => Promise<void>): FuzzTarget {
  if (seeds.length === 0) throw new Error(`no fixtures for ${name}`);
  const texts = seeds.map((s) => s.text);
  return {
    name,
    extension,
    generate(rng) {
      if (rng.chance(0.05)) {
        return { text: extension === 'json' ? JSON.stringify(randomJson(rng, 6)) : randomLines(rng) };
      }
      const seed = rng.pick(seeds);
      const siblings = new Map(seed.siblings);
      // Now and then the manifest beside the lockfile is what is hostile.
      if (siblings.has('package.json') && rng.chance(0.15)) {
        siblings.set('package.json', mutateJsonText(rng, siblings.get('package.json')!) ?? '{');
      }
      return { text: mutateText(rng, seed.text, texts, MAX_INPUT_CHARS), siblings };
    },
    async run(input) {
      return outcomeOf(() => read(input));
    },
  };
}

function zipTarget(fixtures: string, records: readonly Seed[]): FuzzTarget {
  const archives = [readFileSync(join(fixtures, 'osv', 'all.zip'))];
  const limits = { maxEntries: 10_000, maxEntryBytes: 8 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024, maxRatio: 200 };
  return {
    name: 'osv-zip',
    extension: 'zip',
    generate(rng) {
      const base = rng.pick(archives);
      const bytes = mutateBytes(rng, base, archives);
      return { bytes, siblings: new Map([['record', rng.pick(records).text]]) };
    },
    async run(input) {
      return outcomeOf(async () => {
        const index = new OsvIndex();
        const report = new OsvLoadReport(index.stats);
        indexZipBuffer(input.bytes ?? Buffer.alloc(0), 'all.zip', index, report, limits);
        matchAFew(index);
        if (report.refusal) throw new UpstreamError('BAD_RESPONSE', 'osv-offline', report.refusal);
      });
    },
  };
}

async function outcomeOf(read: () => Promise<void>): Promise<Outcome> {
  try {
    await read();
    return 'accepted';
  } catch (error) {
    if (isRefusal(error)) return 'refused';
    throw error;
  }
}

/** Matching is where the indexed ranges are evaluated: ask a few versions of the fixtures' packages. */
function matchAFew(index: OsvIndex): void {
  for (const name of ['lodash', 'debug', 'chalk', 'event-stream', 'ua-parser-js', 'node-ipc']) {
    for (const version of ['0.0.0', '1.0.0', '3.3.6', '4.17.15', '4.4.2', '5.6.1', '99.0.0-rc.1']) index.match('npm', name, version);
  }
}

function policySeeds(root: string): Seed[] {
  const files = findFiles(join(root, 'policies'), (p) => p.endsWith('.yml')).map(readSeed);
  const example = [
    'version: 1',
    'extends: chaingate:strict',
    'settings:',
    '  min-release-age-hours: 24',
    '  allowed-registries: [registry.npmjs.org, npm.acme.dev]',
    '  licenses: { allow: [], deny: [AGPL-3.0-only] }',
    'tiers:',
    '  - { tier: 1, signal: malware }',
    '  - { tier: 1, when: { severity: critical, dev: false } }',
    '  - { tier: 2, when: { min-severity: high } }',
    'rules:',
    '  - id: types-in-dev',
    '    signal: "*"',
    '    when: { package: "@types/*", dev: true }',
    '    outcome: allow',
    '  - id: web-moderate',
    '    signal: vulnerability',
    '    when: { workspace: "apps/**", min-severity: moderate, direct: false }',
    '    outcome: block',
    'defaults: { deprecated: allow }',
    'unavailable: { metadata: block }',
    'exceptions:',
    '  - id: lodash-template',
    '    package: lodash',
    '    version: "<4.17.21"',
    '    ids: [GHSA-35jh-r3h4-6jhm]',
    '    reason: template() never sees user input',
    '    owner: "@acme/web"',
    '    expires: 2026-06-30',
    '',
  ].join('\n');
  return [...files, { text: example, siblings: new Map() }];
}

function readSeed(path: string): Seed {
  const dir = path.slice(0, path.lastIndexOf('/'));
  const siblings = new Map<string, string>();
  for (const file of findFiles(dir, (p) => p.endsWith('package.json') || p.endsWith('.npmrc') || p.endsWith('.yarnrc.yml'), 3)) {
    siblings.set(relative(dir, file).split('\\').join('/'), readFileSync(file, 'utf8'));
  }
  return { text: readFileSync(path, 'utf8'), siblings };
}

function findFiles(dir: string, accept: (path: string) => boolean, maxDepth = 8): string[] {
  const out: string[] = [];
  const walk = (at: string, depth: number): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      const info = statSync(path);
      if (info.isDirectory()) {
        if (depth < maxDepth && name !== 'node_modules') walk(path, depth + 1);
      } else if (accept(path.split('\\').join('/'))) out.push(path);
    }
  };
  walk(dir, 0);
  return out;
}
