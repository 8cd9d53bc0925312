import * as Models from '@cyclonedx/cyclonedx-library/Models';
import { licenseFromText } from './licenses.js';
import { cleanText } from './text.js';

/**
 * Model objects that many components of one BOM hold with the same content
 * — a licence (`MIT` for most of npm), a property (`chaingate:lockfile` with
 * the lockfile's path) — made once and shared. A BOM is built to be
 * serialised, never edited in place, and in a cold process every model
 * object that lives until serialisation is copied by the garbage collector:
 * thousands of equal ones cost time and change no byte of the output.
 */
export class SharedModels {
  private readonly licenses = new Map<string, Models.License | undefined>();
  private readonly properties = new Map<string, Map<string, Models.Property>>();

  /** {@link licenseFromText}, read once per distinct text. */
  license(text: string | undefined): Models.License | undefined {
    if (text === undefined) return undefined;
    if (this.licenses.has(text)) return this.licenses.get(text);
    const license = licenseFromText(text);
    this.licenses.set(text, license);
    return license;
  }

  /** A property with `value` cleaned by {@link cleanText}. */
  property(name: string, value: string): Models.Property {
    let byValue = this.properties.get(name);
    if (!byValue) this.properties.set(name, (byValue = new Map()));
    let property = byValue.get(value);
    if (!property) byValue.set(value, (property = new Models.Property(name, cleanText(value))));
    return property;
  }
}
