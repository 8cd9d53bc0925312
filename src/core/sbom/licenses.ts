import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as SPDX from '@cyclonedx/cyclonedx-library/SPDX';
import { licensesOf, parseSpdxExpression } from '../spdx/expression.js';
import { cleanText } from './text.js';

const LICENSE_REF = /^(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/;

/**
 * Reads the licence text a lockfile records, the way cyclonedx-npm's licence
 * factory does: a known SPDX id becomes an SPDX licence, a valid SPDX
 * expression (`MIT OR Apache-2.0`, `GPL-2.0-only WITH Classpath-exception-2.0`,
 * `LicenseRef-x`) an expression, an id in the wrong case (`mit`) its SPDX id,
 * and anything else (`SEE LICENSE IN LICENSE.md`, junk) a named licence.
 * Never throws; empty text gives `undefined`.
 */
export function licenseFromText(text: string | undefined): Models.License | undefined {
  if (text === undefined) return undefined;
  const value = cleanText(text.trim());
  if (value === '') return undefined;
  if (SPDX.isSupportedSpdxId(value)) return new Models.SpdxLicense(value);
  if (isSpdxExpression(value)) return new Models.LicenseExpression(value);
  const fixed = SPDX.fixupSpdxId(value);
  if (fixed !== undefined) return new Models.SpdxLicense(fixed);
  return new Models.NamedLicense(value);
}

/**
 * Whether `text` is an SPDX licence expression (SPDX 2.3 annex D) over known
 * licence ids and `LicenseRef-`s, with upper-case operators as
 * spdx-expression-parse requires; read by the same parser the licence signal
 * uses.
 */
export function isSpdxExpression(text: string): boolean {
  let tree;
  try {
    tree = parseSpdxExpression(text, { upperCaseOperators: true });
  } catch {
    return false;
  }
  return licensesOf(tree).every((license) => LICENSE_REF.test(license.id) ? !license.orLater : SPDX.isSupportedSpdxId(license.id));
}
