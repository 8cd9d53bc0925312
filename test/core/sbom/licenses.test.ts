import { Models } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import { isSpdxExpression, licenseFromText } from '../../../src/core/sbom/licenses.js';

function describeLicense(text: string | undefined): string | undefined {
  const license = licenseFromText(text);
  if (license instanceof Models.SpdxLicense) return `id ${license.id}`;
  if (license instanceof Models.LicenseExpression) return `expression ${license.expression}`;
  if (license instanceof Models.NamedLicense) return `name ${license.name}`;
  return undefined;
}

describe('licenseFromText', () => {
  it('turns a known SPDX id into an SPDX licence, fixing its case', () => {
    expect(describeLicense('MIT')).toBe('id MIT');
    expect(describeLicense(' Apache-2.0 ')).toBe('id Apache-2.0');
    expect(describeLicense('mit')).toBe('id MIT');
  });

  it('turns an SPDX expression into a licence expression', () => {
    expect(describeLicense('(MIT OR Apache-2.0)')).toBe('expression (MIT OR Apache-2.0)');
    expect(describeLicense('GPL-2.0-only WITH Classpath-exception-2.0')).toBe('expression GPL-2.0-only WITH Classpath-exception-2.0');
    expect(describeLicense('LicenseRef-Proprietary')).toBe('expression LicenseRef-Proprietary');
    expect(describeLicense('MIT AND (BSD-2-Clause OR ISC)')).toBe('expression MIT AND (BSD-2-Clause OR ISC)');
  });

  it('keeps free text and junk as a named licence', () => {
    expect(describeLicense('SEE LICENSE IN LICENSE.md')).toBe('name SEE LICENSE IN LICENSE.md');
    expect(describeLicense('MIT OR')).toBe('name MIT OR');
    expect(describeLicense('(MIT')).toBe('name (MIT');
    expect(describeLicense('NotALicence OR MIT')).toBe('name NotALicence OR MIT');
    expect(describeLicense('<script>alert(1)</script>')).toBe('name <script>alert(1)</script>');
  });

  it('gives nothing for missing or blank text', () => {
    expect(describeLicense(undefined)).toBeUndefined();
    expect(describeLicense('   ')).toBeUndefined();
  });
});

describe('isSpdxExpression', () => {
  it('refuses nesting deeper than it will walk instead of recursing without bound', () => {
    expect(isSpdxExpression(`${'('.repeat(10)}MIT${')'.repeat(10)}`)).toBe(true);
    expect(isSpdxExpression(`${'('.repeat(100_000)}MIT${')'.repeat(100_000)}`)).toBe(false);
  });

  it('accepts a + suffix and DocumentRef licence refs, but not lower-case operators (as spdx-expression-parse)', () => {
    expect(isSpdxExpression('GPL-2.0+ OR DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2')).toBe(true);
    expect(isSpdxExpression('MIT or Apache-2.0')).toBe(false);
  });
});
