import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { MAX_POLICY_BYTES, parsePolicy } from '../../../src/core/policy/index.js';
import { thrownBy } from '../../helpers/errors.js';

const FILE = '.github/chaingate.yml';

const errorOf = (content: string): ConfigError => thrownBy(ConfigError, () => parsePolicy(content, FILE));

/** The text with `^` marking where the error should point: returns the text without it and its 1-based line and column. */
function marked(text: string): { content: string; line: number; column: number } {
  const offset = text.indexOf('^');
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { content: text.replace('^', ''), line, column };
}

describe('parsePolicy', () => {
  it('reads a minimal document', () => {
    expect(parsePolicy('version: 1\n', FILE).document).toEqual({ version: 1 });
  });

  it('reads extends as written', () => {
    expect(parsePolicy('version: 1\nextends: chaingate:strict\n', FILE).extends).toBe('chaingate:strict');
  });

  // Each case: the document with ^ where the error must point, the code, and words the message must hold.
  const cases: readonly [string, string, ConfigError['code'], RegExp][] = [
    ['unknown top-level key', 'version: 1\n^colour: blue\n', 'UNKNOWN_KEY', /unknown key "colour"/],
    ['unknown key in a rule condition', 'version: 1\nrules:\n  - id: a\n    signal: malware\n    when:\n      ^severty: [high]\n    outcome: block\n', 'UNKNOWN_KEY', /unknown key "severty" in rules\[0\]\.when/],
    ['unknown key in settings', 'version: 1\nsettings:\n  licenses:\n    ^allowed: [MIT]\n', 'UNKNOWN_KEY', /settings\.licenses/],
    ['wrong version', 'version: ^2\n', 'INVALID_VALUE', /version: expected version: 1/],
    ['missing version', '^rules: []\n', 'INVALID_VALUE', /version/],
    ['wrong type', 'version: 1\nsettings:\n  min-release-age-hours: ^"three days"\n', 'INVALID_VALUE', /settings\.min-release-age-hours: expected number/],
    ['negative number', 'version: 1\nsettings:\n  min-release-age-hours: ^-1\n', 'INVALID_VALUE', /min-release-age-hours/],
    ['unknown signal', 'version: 1\nrules:\n  - id: a\n    signal: ^virus\n    outcome: block\n', 'INVALID_VALUE', /rules\[0\]\.signal: expected "\*", a signal/],
    ['unknown outcome', 'version: 1\nrules:\n  - id: a\n    signal: malware\n    outcome: ^fail\n', 'INVALID_VALUE', /rules\[0\]\.outcome/],
    ['missing outcome', 'version: 1\nrules:\n  - ^id: a\n    signal: malware\n', 'INVALID_VALUE', /rules\[0\]\.outcome: is required/],
    ['bad rule id', 'version: 1\nrules:\n  - id: ^Block Everything\n    signal: "*"\n    outcome: block\n', 'INVALID_VALUE', /rules\[0\]\.id/],
    ['duplicate rule id', 'version: 1\nrules:\n  - { id: a, signal: malware, outcome: block }\n  - { id: ^a, signal: malware, outcome: warn }\n', 'INVALID_VALUE', /duplicate rule id "a"/],
    ['bad package glob (brackets)', 'version: 1\nrules:\n  - id: a\n    signal: "*"\n    when: { package: ^"[ab]*" }\n    outcome: block\n', 'INVALID_VALUE', /not a valid glob/],
    ['bad package glob (***)', 'version: 1\nrules:\n  - id: a\n    signal: "*"\n    when: { package: [ok, ^"a***"] }\n    outcome: block\n', 'INVALID_VALUE', /rules\[0\]\.when\.package\[1\]: is not a valid glob/],
    ['bad workspace glob (empty segment)', 'version: 1\nrules:\n  - id: a\n    signal: "*"\n    when: { workspace: ^"packages//a" }\n    outcome: block\n', 'INVALID_VALUE', /workspace/],
    ['unknown severity', 'version: 1\ntiers:\n  - tier: 1\n    when: { severity: [^urgent] }\n', 'INVALID_VALUE', /tiers\[0\]\.when\.severity\[0\]: expected one of "critical"/],
    ['tier out of range', 'version: 1\ntiers:\n  - tier: ^4\n', 'INVALID_VALUE', /expected tier 1, 2 or 3/],
    ['tier condition inside a tier definition', 'version: 1\ntiers:\n  - tier: 1\n    when: { ^tier: 2 }\n', 'UNKNOWN_KEY', /unknown key "tier"/],
    ['unknown extends', 'version: 1\nextends: ^chaingate:lenient\n', 'INVALID_VALUE', /extends: expected chaingate:default or chaingate:strict or a path/],
    ['bad unavailable outcome', 'version: 1\nunavailable:\n  malware: ^ignore\n', 'INVALID_VALUE', /unavailable\.malware/],
    ['remediation label with a comma', 'version: 1\nremediation:\n  labels: [ok, ^"a,b"]\n', 'INVALID_VALUE', /remediation\.labels\[1\]: expected a label name/],
    ['unknown unavailable kind', 'version: 1\nunavailable:\n  ^licenses: warn\n', 'UNKNOWN_KEY', /unavailable/],
  ];
  it.each(cases)('rejects %s at its line and column', (_name, text, code, message) => {
    const { content, line, column } = marked(text);
    const error = errorOf(content);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${FILE}:${line}:${column}: `)).toBe(true);
    expect([error.file, error.line, error.column]).toEqual([FILE, line, column]);
  });

  describe('exceptions', () => {
    const exception = (fields: string): string => `version: 1\nexceptions:\n  - id: lodash-pp\n    package: lodash\n    signal: vulnerability\n${fields}`;

    it('accepts a complete exception', () => {
      expect(() => parsePolicy(exception('    reason: not reachable\n    owner: "@acme/web"\n    expires: 2030-01-31\n'), FILE)).not.toThrow();
    });

    const bad: readonly [string, string, RegExp][] = [
      ['missing reason', '    owner: me\n    expires: 2030-01-31\n', /exceptions\[0\]\.reason: every exception needs a reason/],
      ['missing owner', '    reason: r\n    expires: 2030-01-31\n', /exceptions\[0\]\.owner: every exception needs an owner/],
      ['missing expires', '    reason: r\n    owner: me\n', /exceptions\[0\]\.expires: expected an ISO date/],
      ['blank reason', '    reason: "  "\n    owner: me\n    expires: 2030-01-31\n', /every exception needs a reason/],
    ];
    it.each(bad)('rejects an exception with %s, pointing at the exception', (_name, fields, message) => {
      const error = errorOf(exception(fields));
      expect(error.code).toBe('INVALID_VALUE');
      expect(error.message).toMatch(message);
      expect(error.line).toBeGreaterThanOrEqual(3);
    });

    it('rejects a date that is not on the calendar, at the date', () => {
      const { content, line, column } = marked(exception('    reason: r\n    owner: me\n    expires: ^2030-02-30\n'));
      const error = errorOf(content);
      expect(error.message).toBe(`${FILE}:${line}:${column}: exceptions[0].expires: is not a calendar date`);
    });

    it('rejects a date in another format', () => {
      const { content, line, column } = marked(exception('    reason: r\n    owner: me\n    expires: ^31/01/2030\n'));
      expect(errorOf(content).message).toBe(`${FILE}:${line}:${column}: exceptions[0].expires: expected an ISO date (YYYY-MM-DD)`);
    });

    it('rejects a bad semver range', () => {
      const { content, line, column } = marked(exception('    version: ^"not a range!"\n    reason: r\n    owner: me\n    expires: 2030-01-31\n'));
      expect(errorOf(content).message).toBe(`${FILE}:${line}:${column}: exceptions[0].version: is not a valid semver range`);
    });

    it('rejects an exception that names neither a signal nor advisory ids', () => {
      const { content, line, column } = marked('version: 1\nexceptions:\n  - ^id: all-of-lodash\n    package: lodash\n    reason: r\n    owner: me\n    expires: 2030-01-31\n');
      const error = errorOf(content);
      expect(error.message).toMatch(/must name a signal or advisory ids/);
      expect([error.line, error.column]).toEqual([line, column]);
    });

    it('mentions how many other problems there are', () => {
      expect(errorOf(exception('    expires: 2030-13-01\n')).message).toMatch(/reason: every exception needs a reason \(and 2 more problems\)$/);
    });
  });

  describe('bad YAML', () => {
    it('rejects a duplicate key at the second one', () => {
      const { content, line, column } = marked('version: 1\nsettings:\n  min-release-age-hours: 1\n  ^min-release-age-hours: 2\n');
      const error = errorOf(content);
      expect(error.code).toBe('MALFORMED');
      expect(error.message).toBe(`${FILE}:${line}:${column}: invalid YAML: Map keys must be unique`);
    });

    it('rejects a syntax error with its position', () => {
      const error = errorOf('version: 1\nrules: [\n  { id: a\n');
      expect(error.code).toBe('MALFORMED');
      expect(error.line).toBeGreaterThanOrEqual(2);
      expect(error.message).toMatch(/^\.github\/chaingate\.yml:\d+:\d+: invalid YAML/);
    });

    it('rejects two documents in one file', () => {
      expect(errorOf('version: 1\n---\nversion: 1\n').code).toBe('MALFORMED');
    });

    it('rejects unknown tags instead of guessing', () => {
      const error = errorOf('version: 1\nsettings: !!js/function "x"\n');
      expect(error.code).toBe('MALFORMED');
      expect(error.line).toBe(2);
    });

    it('fails fast on a billion-laughs alias bomb, pointing at the first alias', () => {
      const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (const [prev, name] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h'], ['h', 'i']] as const) {
        rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      const started = Date.now();
      const error = errorOf(`${rows.join('\n')}\n`);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(error.code).toBe('TOO_LARGE');
      expect(error.message).toMatch(/^\.github\/chaingate\.yml:2:8: aliases expand too far/);
    });

    it('accepts a few aliases used as intended', () => {
      const content = 'version: 1\nrules:\n  - id: a\n    signal: vulnerability\n    when: &runtime { dev: false }\n    outcome: block\n  - id: b\n    signal: malware\n    when: *runtime\n    outcome: block\n';
      expect(parsePolicy(content, FILE).document.rules).toHaveLength(2);
    });

    it('rejects a file over the size limit before parsing', () => {
      const error = errorOf(`version: 1\n${'#'.repeat(MAX_POLICY_BYTES)}\n`);
      expect(error.code).toBe('TOO_LARGE');
      expect(error.message).toBe(`${FILE}: is larger than ${MAX_POLICY_BYTES} bytes`);
    });

    it('rejects deep nesting with a ConfigError, not a crash', () => {
      const error = errorOf(`version: 1\nsettings: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
      expect(error.code).toBe('TOO_LARGE');
      expect(error.message).toMatch(/^\.github\/chaingate\.yml:2:\d+: is nested too deeply$/);
    });

    it('rejects an empty file as an invalid policy at line 1', () => {
      const error = errorOf('');
      expect(error.code).toBe('INVALID_VALUE');
      expect(error.line).toBe(1);
    });

    it('refuses keys that would reach the prototype', () => {
      expect(errorOf('version: 1\n__proto__: { polluted: 1 }\n').code).toBe('UNKNOWN_KEY');
      expect(errorOf('version: 1\ndefaults:\n  constructor: block\n').message).toBe(`${FILE}:3:3: unknown key "constructor" in defaults`);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('rejects a document that is a list', () => {
      expect(errorOf('- version: 1\n').code).toBe('INVALID_VALUE');
    });
  });
});
