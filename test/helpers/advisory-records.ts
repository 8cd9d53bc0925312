import { readFileSync } from 'node:fs';

/** The real OSV record of the September 2025 debug@4.4.2 compromise. */
export function debugMalwareOsv(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('../fixtures/osv/records/MAL-2025-46974.json', import.meta.url), 'utf8')) as Record<string, unknown>;
}

/** GitHub's real global-advisory for the same compromise (GHSA-8mgj-vmr8-frr6). */
export function debugMalwareGithub(): Record<string, unknown> {
  const list = JSON.parse(readFileSync(new URL('../fixtures/github-advisories/responses/malware.json', import.meta.url), 'utf8')) as Record<string, unknown>[];
  const found = list.find((a) => a['ghsa_id'] === 'GHSA-8mgj-vmr8-frr6');
  if (!found) throw new Error('fixture lost GHSA-8mgj-vmr8-frr6');
  return found;
}

/** A small OSV vulnerability record for an npm package. */
export function osvRecord(id: string, options: { aliases?: string[]; modified?: string; withdrawn?: string; name?: string; introduced?: string; fixed?: string; severity?: string } = {}): Record<string, unknown> {
  return {
    id,
    modified: options.modified ?? '2026-01-01T00:00:00Z',
    published: '2026-01-01T00:00:00Z',
    ...(options.withdrawn ? { withdrawn: options.withdrawn } : {}),
    aliases: options.aliases ?? [],
    summary: `${id} in ${options.name ?? 'left-pad'}`,
    affected: [
      {
        package: { ecosystem: 'npm', name: options.name ?? 'left-pad' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: options.introduced ?? '1.0.0' }, { fixed: options.fixed ?? '1.3.0' }] }],
      },
    ],
    database_specific: { severity: options.severity ?? 'HIGH' },
  };
}
