import type { Manifest, ManifestEdit, PackageManager } from './types.js';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

/** Where a workspace's manifest declares `name` directly, with the range as written. */
export function directDeclaration(manifest: Manifest, name: string): { field: string; range: string } | undefined {
  for (const field of DEPENDENCY_FIELDS) {
    const map = manifest[field];
    if (typeof map !== 'object' || map === null || Array.isArray(map)) continue;
    const range = (map as Record<string, unknown>)[name];
    if (typeof range === 'string') return { field, range };
  }
  return undefined;
}

const SIMPLE_RANGE = /^([~^]?)v?(\d+\.\d+\.\d+)$/u;

/**
 * The direct range that admits `target` and no lower version: a patch keeps the
 * operator (`^1.2.5` → `^1.2.6`, `1.2.5` → `1.2.6`); a revert pins the exact version,
 * since a range would let the bad release back in. `undefined` for ranges that
 * are not a single version with an optional `^` or `~` (the user wrote intent we cannot read).
 */
export function raisedRange(range: string, target: string, strategy: 'patch' | 'revert'): string | undefined {
  const match = SIMPLE_RANGE.exec(range.trim());
  if (!match) return undefined;
  return strategy === 'revert' ? target : `${match[1] ?? ''}${target}`;
}

/**
 * The override that moves exactly `from` to `to`, in the field the manager reads, scoped as
 * narrowly as the manager supports: npm and pnpm match a key's version (`minimist@1.2.5`);
 * yarn's `resolutions` and bun's `overrides` match the package name only.
 */
export function overrideEdit(manager: PackageManager, name: string, from: string, to: string, root: Manifest, why: string): ManifestEdit {
  const key = overrideKey(manager, name, from);
  const existing = readPath(root, key);
  return { manifest: 'package.json', key, from: typeof existing === 'string' ? existing : undefined, to, why };
}

function overrideKey(manager: PackageManager, name: string, from: string): string[] {
  switch (manager) {
    case 'npm':
      return ['overrides', `${name}@${from}`];
    case 'pnpm':
      return ['pnpm', 'overrides', `${name}@${from}`];
    case 'yarn':
      return ['resolutions', name];
    case 'bun':
      return ['overrides', name];
  }
}

function readPath(value: unknown, key: readonly string[]): unknown {
  let at = value;
  for (const part of key) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}
