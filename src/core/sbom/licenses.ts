import { Models, SPDX } from '@cyclonedx/cyclonedx-library';
import { cleanText } from './text.js';

/** Deepest parenthesis nesting accepted in an expression; deeper text is kept as a named licence. */
const MAX_EXPRESSION_DEPTH = 32;

const IDSTRING = /^[A-Za-z0-9.-]+$/;
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
 * licence ids, `LicenseRef-`s and any well-formed exception id. The library
 * offers no such check without `spdx-expression-parse`, and this one is a
 * few dozen lines.
 */
export function isSpdxExpression(text: string): boolean {
  const tokens = text.split(/(\(|\))|\s+/).filter((t): t is string => t !== undefined && t !== '');
  let position = 0;
  let valid = true;

  const peek = (): string | undefined => tokens[position];
  const license = (): void => {
    const token = tokens[position++];
    if (token === undefined) return void (valid = false);
    if (LICENSE_REF.test(token)) return;
    const id = token.endsWith('+') ? token.slice(0, -1) : token;
    if (!SPDX.isSupportedSpdxId(id)) valid = false;
  };
  const atom = (depth: number): void => {
    if (peek() === '(') {
      if (depth >= MAX_EXPRESSION_DEPTH) return void (valid = false);
      position++;
      or(depth + 1);
      if (tokens[position++] !== ')') valid = false;
      return;
    }
    license();
    if (valid && peek() === 'WITH') {
      position++;
      const exception = tokens[position++];
      if (exception === undefined || !IDSTRING.test(exception)) valid = false;
    }
  };
  const and = (depth: number): void => {
    atom(depth);
    while (valid && peek() === 'AND') {
      position++;
      atom(depth);
    }
  };
  const or = (depth: number): void => {
    and(depth);
    while (valid && peek() === 'OR') {
      position++;
      and(depth);
    }
  };

  or(0);
  return valid && position === tokens.length;
}
