import type { Advisory, PackageMetadata } from '../../../src/core/facts.js';

/** Registry metadata with the given versions published on the given days (ISO dates). */
export function metadataOf(name: string, published: Record<string, string>): PackageMetadata {
  return {
    ecosystem: 'npm',
    name,
    maintainers: [],
    versions: new Map(Object.entries(published).map(([version, day]) => [version, { version, publishedAt: new Date(day), installScripts: [], trust: 'none' as const }])),
  };
}

export function advisoryOf(id: string, fixedVersions: string[], malware = false): Advisory {
  return { id, aliases: [], source: 'osv', summary: id, severity: malware ? 'critical' : 'high', malware, fixedVersions };
}

/** minimist as the registry lists it (the dates are the real ones). */
export const MINIMIST = metadataOf('minimist', {
  '0.0.8': '2014-02-20',
  '0.2.4': '2022-03-17',
  '1.2.0': '2015-08-24',
  '1.2.5': '2020-03-12',
  '1.2.6': '2022-03-21',
  '1.2.7': '2022-10-10',
  '1.2.8': '2023-02-09',
});

/** GHSA-xvch-5gv4-984h: below 0.2.4, and 1.0.0 up to 1.2.6. */
export const minimistAffected = (v: string) => {
  const [major, minor, patch] = v.split('.').map(Number) as [number, number, number];
  return major === 0 ? minor < 2 || (minor === 2 && patch < 4) : major === 1 && (minor < 2 || (minor === 2 && patch < 6));
};
