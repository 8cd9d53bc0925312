import { isRecord, optionalString } from '../shared/text.js';

/** Readers for the parts of a CycloneDX component the graph keeps. */

/** The component's own hashes, then those of its `distribution` reference (where cyclonedx-npm puts them). */
export function componentHashes(component: Record<string, unknown>): { alg: string; hex: string }[] {
  const hashes: { alg: string; hex: string }[] = [];
  const collect = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const hash of list) {
      if (!isRecord(hash)) continue;
      const alg = optionalString(hash['alg']);
      const hex = optionalString(hash['content']);
      if (alg && hex) hashes.push({ alg, hex });
    }
  };
  collect(component['hashes']);
  for (const reference of externalReferences(component)) {
    if (reference['type'] === 'distribution') collect(reference['hashes']);
  }
  return hashes;
}

/** The URL of the component's `distribution` external reference (the tarball npm resolved), if any. */
export function componentResolved(component: Record<string, unknown>): string | undefined {
  for (const reference of externalReferences(component)) {
    if (reference['type'] === 'distribution') return optionalString(reference['url']);
  }
  return undefined;
}

/** An SPDX expression, or the licences joined with AND (CycloneDX lists them without saying how they combine). */
export function componentLicense(component: Record<string, unknown>): string | undefined {
  const licenses = component['licenses'];
  if (!Array.isArray(licenses)) return undefined;
  const parts: string[] = [];
  for (const choice of licenses) {
    if (!isRecord(choice)) continue;
    const expression = optionalString(choice['expression']);
    const license = isRecord(choice['license']) ? choice['license'] : undefined;
    const text = expression ?? (license ? (optionalString(license['id']) ?? optionalString(license['name'])) : undefined);
    if (text) parts.push(text);
  }
  if (parts.length <= 1) return parts[0];
  return parts.map((p) => `(${p})`).join(' AND ');
}

/** cyclonedx-npm marks packages only dev dependencies reach with the property `cdx:npm:package:development`. */
export function isDevelopment(component: Record<string, unknown>): boolean {
  const properties = component['properties'];
  if (!Array.isArray(properties)) return false;
  return properties.some((p) => isRecord(p) && p['name'] === 'cdx:npm:package:development' && p['value'] === 'true');
}

function externalReferences(component: Record<string, unknown>): Record<string, unknown>[] {
  const references = component['externalReferences'];
  return Array.isArray(references) ? references.filter(isRecord) : [];
}
