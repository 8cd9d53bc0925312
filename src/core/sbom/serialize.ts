import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import { writeXml } from './xml-writer.js';

export type BomFormat = 'json' | 'xml';

/** Formatting of {@link serializeBom}'s output. */
export interface SerializeOptions {
  /** Indentation in spaces; none (one line) by default. */
  readonly space?: number | undefined;
}

let json: Serialize.JsonSerializer | undefined;
let xml: Serialize.XML.Normalize.Factory | undefined;

/**
 * Serialises a BOM as CycloneDX 1.6 JSON or XML with every list sorted, so
 * equal BOMs give equal bytes. Both formats use the library's normalisers;
 * JSON also its serialiser, XML a small writer of our own with the same
 * output (see `xml-writer.ts` for why).
 */
export function serializeBom(bom: Models.Bom, format: BomFormat, options: SerializeOptions = {}): string {
  if (format === 'json') {
    json ??= new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
    return json.serialize(bom, { sortLists: true, space: options.space });
  }
  xml ??= new Serialize.XML.Normalize.Factory(Spec.Spec1dot6);
  return writeXml(xml.makeForBom().normalize(bom, { sortLists: true }), options.space);
}
