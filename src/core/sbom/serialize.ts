import type * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import { writeXml } from './xml-writer.js';

export type BomFormat = 'json' | 'xml';

/** Formatting of {@link serializeBom}'s output. */
export interface SerializeOptions {
  /** Indentation in spaces; none (one line) by default. */
  readonly space?: number | undefined;
}

let jsonFactory: Serialize.JSON.Normalize.Factory | undefined;
let json: Serialize.JsonSerializer | undefined;
let xml: Serialize.XML.Normalize.Factory | undefined;

/**
 * Serialises a BOM as CycloneDX 1.6 JSON or XML with every list sorted, so
 * equal BOMs give equal bytes. Both formats use the library's normalisers;
 * JSON then `JSON.stringify`, XML a small writer of our own with the same
 * output (see `xml-writer.ts` for why).
 *
 * The library's `JsonSerializer` is the JSON normaliser and `JSON.stringify`
 * around a pass that first replaces missing or repeated bom-refs with random
 * ones. {@link buildBom}'s refs are unique by construction, and that pass
 * walks the component tree with generators (a measurable part of a cold
 * `chaingate sbom`), so it runs only for a BOM that needs it.
 */
export function serializeBom(bom: Models.Bom, format: BomFormat, options: SerializeOptions = {}): string {
  if (format === 'json') {
    if (!hasDistinctBomRefs(bom)) {
      json ??= new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
      return json.serialize(bom, { sortLists: true, space: options.space });
    }
    jsonFactory ??= new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6);
    return JSON.stringify(jsonFactory.makeForBom().normalize(bom, { sortLists: true }), null, options.space);
  }
  xml ??= new Serialize.XML.Normalize.Factory(Spec.Spec1dot6);
  return writeXml(xml.makeForBom().normalize(bom, { sortLists: true }), options.space);
}

/**
 * Whether every bom-ref the library's serialiser would check (the metadata
 * component, every component and service at any depth, every
 * vulnerability) is set, non-empty and used once.
 */
export function hasDistinctBomRefs(bom: Models.Bom): boolean {
  const seen = new Set<string>();
  const take = (ref: Models.BomRef): boolean => {
    const value = ref.value;
    if (value === undefined || value === '' || seen.has(value)) return false;
    seen.add(value);
    return true;
  };
  const components = (repository: Models.ComponentRepository): boolean => {
    for (const component of repository) {
      if (!take(component.bomRef) || (component.components.size > 0 && !components(component.components))) return false;
    }
    return true;
  };
  const services = (repository: Models.ServiceRepository): boolean => {
    for (const service of repository) {
      if (!take(service.bomRef) || (service.services.size > 0 && !services(service.services))) return false;
    }
    return true;
  };
  const root = bom.metadata.component;
  if (root !== undefined && (!take(root.bomRef) || !components(root.components))) return false;
  if (!components(bom.components) || !services(bom.services)) return false;
  for (const vulnerability of bom.vulnerabilities) if (!take(vulnerability.bomRef)) return false;
  return true;
}
