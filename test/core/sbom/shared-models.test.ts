import { Models } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import { SharedModels } from '../../../src/core/sbom/shared-models.js';

describe('SharedModels', () => {
  it('reads each licence text once and gives every holder the same model', () => {
    const shared = new SharedModels();
    const mit = shared.license('MIT');
    expect(mit).toBeInstanceOf(Models.SpdxLicense);
    expect(shared.license('MIT')).toBe(mit);
    expect(shared.license('mit')).not.toBe(mit);
    expect((shared.license('mit') as Models.SpdxLicense).id).toBe('MIT');
    expect(shared.license('Apache-2.0 OR MIT')).toBeInstanceOf(Models.LicenseExpression);
  });

  it('gives no licence for missing or empty text, every time', () => {
    const shared = new SharedModels();
    for (let i = 0; i < 2; i++) {
      expect(shared.license(undefined)).toBeUndefined();
      expect(shared.license('  ')).toBeUndefined();
    }
  });

  it('shares a property per name and value, never across names or values', () => {
    const shared = new SharedModels();
    const a = shared.property('chaingate:lockfile', 'package-lock.json');
    expect(shared.property('chaingate:lockfile', 'package-lock.json')).toBe(a);
    expect(shared.property('chaingate:lockfile', 'app/package-lock.json').value).toBe('app/package-lock.json');
    expect(shared.property('chaingate:other', 'package-lock.json').name).toBe('chaingate:other');
  });

  it('cleans a property value: no credential, no character XML cannot carry', () => {
    const shared = new SharedModels();
    expect(shared.property('p', 'git+https://TOKEN@github.com/o/r.git').value).toBe('git+https://github.com/o/r.git');
    expect(shared.property('p', 'a\u0000b').value).toBe('a\uFFFDb');
  });
});
