import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskRepo } from '../../src/adapters/fs/disk-repo.js';
import { ingestSnapshot } from '../../src/adapters/store/ingest-snapshot.js';
import { migrate } from '../../src/adapters/store/migrations.js';
import type { SqlDatabase } from '../../src/adapters/store/sql.js';
import { storeInventory } from '../../src/adapters/store/store-inventory.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { parsePackageQuery } from '../../src/core/inventory/query.js';
import type { Inventory } from '../../src/core/ports.js';
import { STORE_HOOK_TIMEOUT, testEngines } from '../adapters/store/engines.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Every real lockfile and SBOM of the fixtures, each ingested as its own repository. */
const FILES = [
  'npm/v1/app/package-lock.json', 'npm/v2/app/package-lock.json', 'npm/v2/monorepo/package-lock.json', 'npm/v3/app/package-lock.json',
  'npm/v3-resolved/upgrade/base/package-lock.json', 'npm/v3-resolved/upgrade/head/package-lock.json', 'npm/v3-resolved/monorepo/package-lock.json',
  'yarn/classic/app/yarn.lock', 'yarn/classic/monorepo/yarn.lock', 'yarn/classic/upgrade/head/yarn.lock',
  'yarn/berry3/app/yarn.lock', 'yarn/berry4/app/yarn.lock', 'yarn/berry4/monorepo/yarn.lock', 'yarn/berry4/upgrade/base/yarn.lock',
  'pnpm/pnpm7/app/pnpm-lock.yaml', 'pnpm/pnpm8/app/pnpm-lock.yaml', 'pnpm/pnpm9/app/pnpm-lock.yaml', 'pnpm/pnpm9/monorepo/pnpm-lock.yaml', 'pnpm/pnpm10/upgrade/head/pnpm-lock.yaml',
  'bun/app/bun.lock', 'bun/monorepo/bun.lock', 'bun/upgrade/base/bun.lock',
  'cyclonedx/app/bom.1.6.cdx.json', 'cyclonedx/monorepo/bom.1.4.cdx.json', 'spdx/app/sbom.spdx.json',
];

/** `name@version` of every package a file records, read straight from the file (not through chaingate's parsers). */
function groundTruth(file: string): Set<string> {
  const text = readFileSync(fixtures + file, 'utf8');
  const found = new Set<string>();
  const add = (name: string, version: string) => found.add(`${name}@${version}`);
  const name = basename(file);
  if (name === 'package-lock.json') {
    const lock = JSON.parse(text) as { packages?: Record<string, { version?: string; link?: boolean; name?: string }>; dependencies?: Record<string, unknown> };
    if (lock.packages) {
      for (const [key, entry] of Object.entries(lock.packages)) {
        const at = key.lastIndexOf('node_modules/');
        if (at === -1 || entry.link || !entry.version) continue;
        add(entry.name ?? key.slice(at + 'node_modules/'.length), entry.version);
      }
    } else {
      const walk = (deps: Record<string, unknown> | undefined) => {
        for (const [dep, value] of Object.entries(deps ?? {})) {
          const entry = value as { version: string; dependencies?: Record<string, unknown> };
          const alias = /^npm:(.+)@([^@]+)$/.exec(entry.version);
          if (alias?.[1] && alias[2]) add(alias[1], alias[2]);
          else add(dep, entry.version);
          walk(entry.dependencies);
        }
      };
      walk(lock.dependencies);
    }
  } else if (name === 'yarn.lock') {
    for (const block of text.split(/\n(?=\S)/)) {
      const header = block.split('\n')[0] ?? '';
      if (header.startsWith('#') || header.startsWith('__metadata')) continue;
      const resolution = /\n {2}resolution: "(.+)"/.exec(block)?.[1];
      const version = /\n {2}version:? "?([^"\n]+)"?/.exec(block)?.[1];
      if (!version) continue;
      if (resolution) {
        if (/@(workspace|link|portal):/.test(resolution)) continue;
        add(resolution.slice(0, resolution.indexOf('@', 1)), version);
      } else {
        const first = header.replace(/^"/, '').split(/[",]/)[0] ?? '';
        const descriptor = first.slice(0, first.indexOf('@', 1));
        const alias = /@npm:(.+)@/.exec(first);
        add(alias?.[1] ?? descriptor, version);
      }
    }
  } else if (name === 'pnpm-lock.yaml') {
    const lock = parseYaml(text) as { packages?: Record<string, unknown> };
    for (const key of Object.keys(lock.packages ?? {})) {
      const bare = key.replace(/^\//, '').replace(/\(.*$/, '').replace(/_.*$/, '');
      const modern = /^(.+)@([^@/]+)$/.exec(bare);
      const legacy = /^(.+)\/([^/]+)$/.exec(bare);
      const match = modern ?? legacy;
      if (match?.[1] && match[2]) add(match[1], match[2]);
    }
  } else if (name === 'bun.lock') {
    const lock = JSON.parse(text.replace(/,(\s*[}\]])/g, '$1')) as { packages: Record<string, [string, ...unknown[]]> };
    for (const [entry] of Object.values(lock.packages)) {
      const at = entry.indexOf('@', 1);
      const version = entry.slice(at + 1);
      if (!version.startsWith('workspace:')) add(entry.slice(0, at), version);
    }
  } else if (name.endsWith('.cdx.json')) {
    const walk = (components: { name: string; group?: string; version?: string; purl?: string; components?: unknown[] }[] | undefined) => {
      for (const c of components ?? []) {
        if (c.version && c.purl?.startsWith('pkg:npm/')) add(c.group ? `${c.group}/${c.name}` : c.name, c.version);
        walk(c.components as typeof components);
      }
    };
    walk((JSON.parse(text) as { components?: [] }).components);
  } else {
    const doc = JSON.parse(text) as { documentDescribes?: string[]; packages: { SPDXID: string; name: string; versionInfo?: string }[] };
    // This SBOM writer names npm packages `npm:<name>`; the described root is the one other package.
    for (const p of doc.packages) if (p.versionInfo && p.name.startsWith('npm:')) add(p.name.slice(4), p.versionInfo);
  }
  return found;
}

const repoOf = (file: string) => `fixtures/${file.replace(/[^A-Za-z0-9._-]+/g, '-')}`;

describe.each(testEngines())('scope over real lockfiles of every format on the $name store', (engine) => {
  let handle: Awaited<ReturnType<typeof engine.fresh>>;
  let db: SqlDatabase;
  let inventory: Inventory;
  beforeAll(async () => {
    handle = await engine.fresh();
    db = handle.db;
    await migrate(db);
    inventory = storeInventory(db);
    for (const file of FILES) {
      const [owner, name] = repoOf(file).split('/') as [string, string];
      await ingestSnapshot(inventory, {
        repository: { owner, name },
        ref: 'main',
        sha: 'a'.repeat(40),
        files: diskRepo(dirname(fixtures + file)),
        only: basename(file),
        limits: DEFAULT_LIMITS,
        now: new Date(),
      });
    }
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await db.close();
    await handle.drop();
  });

  it('finds every package of every file in exactly the repositories whose files record it', async () => {
    const expected = new Set<string>();
    const names = new Set<string>();
    for (const file of FILES) {
      for (const pkg of groundTruth(file)) {
        expected.add(`${repoOf(file)} ${pkg}`);
        names.add(pkg.slice(0, pkg.indexOf('@', 1)));
      }
    }
    expect(names.size).toBeGreaterThan(50);
    const actual = new Set<string>();
    for (const name of names) {
      for (const e of (await inventory.findExposures([parsePackageQuery(`${name}@*`)])).exposures) actual.add(`${e.repository} ${e.name}@${e.version}`);
    }
    const missing = [...expected].filter((x) => !actual.has(x));
    const extra = [...actual].filter((x) => !expected.has(x));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('answers a range query with only the versions in the range', async () => {
    const { exposures } = await inventory.findExposures([parsePackageQuery('debug@>=3.0.0')]);
    expect(exposures.length).toBeGreaterThan(0);
    expect(exposures.every((e) => Number(e.version.split('.')[0]) >= 3)).toBe(true);
    const { exposures: all } = await inventory.findExposures([parsePackageQuery('debug@*')]);
    expect(all.length).toBeGreaterThan(exposures.length);
  });
});
