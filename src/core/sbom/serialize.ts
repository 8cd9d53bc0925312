import { Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';

export type BomFormat = 'json' | 'xml';

/** Formatting of {@link serializeBom}'s output. */
export interface SerializeOptions {
  /** Indentation in spaces; none (one line) by default. */
  readonly space?: number | undefined;
}

let serializers: { json: Serialize.JsonSerializer; xml: Serialize.XmlSerializer } | undefined;

/**
 * Serialises a BOM as CycloneDX 1.6 JSON or XML with every list sorted, so
 * equal BOMs give equal bytes.
 *
 * @throws {Error} from the library if XML support (`xmlbuilder2`) is missing.
 */
export function serializeBom(bom: Models.Bom, format: BomFormat, options: SerializeOptions = {}): string {
  serializers ??= {
    json: new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6)),
    xml: new Serialize.XmlSerializer(new Serialize.XML.Normalize.Factory(Spec.Spec1dot6)),
  };
  return serializers[format].serialize(bom, { sortLists: true, space: options.space });
}
