import { describe, expect, it } from 'vitest';
import { licensesOf, parseSpdxExpression } from '../../../src/core/spdx/expression.js';

describe('parseSpdxExpression', () => {
  it('reads AND before OR, parentheses, WITH and or-later', () => {
    const tree = parseSpdxExpression('(MIT OR Apache-2.0) AND GPL-2.0+ WITH Classpath-exception-2.0');
    expect(licensesOf(tree)).toEqual([
      { kind: 'license', id: 'MIT', orLater: false },
      { kind: 'license', id: 'Apache-2.0', orLater: false },
      { kind: 'license', id: 'GPL-2.0', orLater: true, exception: 'Classpath-exception-2.0' },
    ]);
  });

  it('accepts lower-case operators unless asked for upper case only', () => {
    expect(licensesOf(parseSpdxExpression('mit or isc'))).toHaveLength(2);
    expect(() => parseSpdxExpression('mit or isc', { upperCaseOperators: true })).toThrow();
  });

  it('refuses broken and oversized expressions', () => {
    expect(() => parseSpdxExpression('MIT OR')).toThrow();
    expect(() => parseSpdxExpression('(MIT')).toThrow();
    expect(() => parseSpdxExpression(`${'('.repeat(40)}MIT${')'.repeat(40)}`)).toThrow(/nested deeper/u);
    expect(() => parseSpdxExpression('MIT OR '.repeat(300) + 'MIT')).toThrow(/longer than/u);
  });
});
