import { describe, expect, it } from 'vitest';
import { readAgeGates } from '../../../src/ecosystems/age-gates.js';
import { readBunfig } from '../../../src/core/config/bunfig.js';
import { MAX_CONFIG_BYTES } from '../../../src/core/config/limits.js';
import { readNpmrc } from '../../../src/core/config/npmrc.js';
import { readPnpmWorkspace } from '../../../src/core/config/pnpm-workspace.js';
import { readYarnrc } from '../../../src/core/config/yarnrc.js';
import { ConfigError } from '../../../src/core/errors.js';
import { rejectedWith, thrownBy } from '../../helpers/errors.js';

const configError = (run: () => unknown): ConfigError => thrownBy(ConfigError, run);

describe('.npmrc', () => {
  it('reads npm min-release-age in days and pnpm minimum-release-age in minutes', () => {
    const content = ['registry=https://registry.npmjs.org/', '; seven days before anything new installs', 'min-release-age = 7', 'minimum-release-age=1440  ; pnpm 10', 'save-exact=true'].join('\n');
    expect(readNpmrc('.npmrc', content)).toEqual([
      { file: '.npmrc', key: 'min-release-age', hours: 168 },
      { file: '.npmrc', key: 'minimum-release-age', hours: 24 },
    ]);
  });

  it('reads quoted and fractional values, and keeps the last of a repeated key', () => {
    expect(readNpmrc('.npmrc', 'min-release-age="2"\r\nmin-release-age=0.5\r\n')).toEqual([{ file: '.npmrc', key: 'min-release-age', hours: 12 }]);
  });

  it('ignores comments, other keys and files without the settings', () => {
    expect(readNpmrc('.npmrc', '# min-release-age=9\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n')).toEqual([]);
  });

  it('refuses a value that is not a number, naming file, line and column', () => {
    const error = configError(() => readNpmrc('packages/a/.npmrc', 'save-exact=true\nmin-release-age=${MIN_AGE}\n'));
    expect(error.code).toBe('INVALID_VALUE');
    expect(error.message).toBe('packages/a/.npmrc:2:17: min-release-age must be a non-negative number (days), not "${MIN_AGE}"');
    expect(configError(() => readNpmrc('.npmrc', 'min-release-age=-1')).code).toBe('INVALID_VALUE');
  });
});

describe('pnpm-workspace.yaml', () => {
  it('reads top-level minimumReleaseAge in minutes', () => {
    const content = "packages:\n  - 'packages/*'\n\nminimumReleaseAge: 4320\nminimumReleaseAgeExclude:\n  - '@sanity/*'\n";
    expect(readPnpmWorkspace('pnpm-workspace.yaml', content)).toEqual([{ file: 'pnpm-workspace.yaml', key: 'minimumReleaseAge', hours: 72 }]);
  });

  it('does not read the key nested under another one (pnpm ignores it there)', () => {
    expect(readPnpmWorkspace('pnpm-workspace.yaml', 'settings:\n  minimumReleaseAge: 10080\n')).toEqual([]);
    expect(readPnpmWorkspace('pnpm-workspace.yaml', '')).toEqual([]);
  });

  it('refuses broken YAML, duplicate keys and non-numbers with the line', () => {
    expect(configError(() => readPnpmWorkspace('pnpm-workspace.yaml', 'packages: [\n'))).toMatchObject({ code: 'MALFORMED', file: 'pnpm-workspace.yaml' });
    const duplicate = configError(() => readPnpmWorkspace('pnpm-workspace.yaml', 'minimumReleaseAge: 1\nminimumReleaseAge: 2\n'));
    expect(duplicate).toMatchObject({ code: 'MALFORMED', line: 2 });
    const word = configError(() => readPnpmWorkspace('pnpm-workspace.yaml', 'packages: []\nminimumReleaseAge: three days\n'));
    expect(word).toMatchObject({ code: 'INVALID_VALUE', line: 2, column: 20 });
    expect(configError(() => readPnpmWorkspace('pnpm-workspace.yaml', 'minimumReleaseAge: [1]\n')).code).toBe('MALFORMED');
    expect(configError(() => readPnpmWorkspace('pnpm-workspace.yaml', '- a\n- b\n')).code).toBe('MALFORMED');
  });

  it('reads the setting from a file that is an alias bomb elsewhere, without expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    bomb.push('minimumReleaseAge: 60');
    expect(readPnpmWorkspace('pnpm-workspace.yaml', bomb.join('\n'))).toEqual([{ file: 'pnpm-workspace.yaml', key: 'minimumReleaseAge', hours: 1 }]);
  });

  it('follows an alias used as the value itself', () => {
    expect(readPnpmWorkspace('pnpm-workspace.yaml', 'week: &week 10080\nminimumReleaseAge: *week\n')[0]!.hours).toBe(168);
  });
});

describe('.yarnrc.yml', () => {
  it('reads npmMinimalAgeGate as minutes, or as a duration with a unit', () => {
    expect(readYarnrc('.yarnrc.yml', 'nodeLinker: node-modules\nnpmMinimalAgeGate: 1440\n')).toEqual([{ file: '.yarnrc.yml', key: 'npmMinimalAgeGate', hours: 24 }]);
    expect(readYarnrc('.yarnrc.yml', 'npmMinimalAgeGate: 3d\n')[0]!.hours).toBe(72);
    expect(readYarnrc('.yarnrc.yml', 'npmMinimalAgeGate: "12h"\n')[0]!.hours).toBe(12);
    expect(readYarnrc('.yarnrc.yml', 'npmMinimalAgeGate: 1w\n')[0]!.hours).toBe(168);
    expect(readYarnrc('.yarnrc.yml', 'npmMinimalAgeGate: 90m\n')[0]!.hours).toBe(1.5);
    expect(readYarnrc('.yarnrc.yml', 'npmMinimalAgeGate: 0\n')[0]!.hours).toBe(0);
  });

  it('ignores per-scope gates and files without the setting', () => {
    expect(readYarnrc('.yarnrc.yml', 'npmScopes:\n  my-corp:\n    npmMinimalAgeGate: 0\n')).toEqual([]);
  });

  it('refuses a value that is not a duration', () => {
    expect(configError(() => readYarnrc('.yarnrc.yml', 'npmMinimalAgeGate: soon\n'))).toMatchObject({ code: 'INVALID_VALUE', line: 1 });
    expect(configError(() => readYarnrc('.yarnrc.yml', 'npmMinimalAgeGate: 3 days\n')).code).toBe('INVALID_VALUE');
  });
});

describe('bunfig.toml', () => {
  it('reads [install] minimumReleaseAge in seconds', () => {
    const content = '[install]\n# Bun expects seconds; 259200 = 3 days.\nminimumReleaseAge = 259200 # 3 days\nminimumReleaseAgeExcludes = ["@types/bun"]\n\n[test]\nroot = "./src"\n';
    expect(readBunfig('bunfig.toml', content)).toEqual([{ file: 'bunfig.toml', key: 'install.minimumReleaseAge', hours: 72 }]);
  });

  it('reads the dotted form and TOML digit separators', () => {
    expect(readBunfig('bunfig.toml', 'install.minimumReleaseAge = 604_800\n')[0]!.hours).toBe(168);
  });

  it('does not take the key from another table or from inside a multi-line array or string', () => {
    const content = [
      '[run]',
      'minimumReleaseAge = 1',
      '[install]',
      'minimumReleaseAgeExcludes = [',
      '  "a",',
      ']',
      'note = """',
      'minimumReleaseAge = 2',
      '"""',
      '[install.scopes]',
      'minimumReleaseAge = 3',
    ].join('\n');
    expect(readBunfig('bunfig.toml', content)).toEqual([]);
  });

  it('refuses a string value and a key set twice', () => {
    expect(configError(() => readBunfig('bunfig.toml', '[install]\nminimumReleaseAge = "3d"\n'))).toMatchObject({ code: 'INVALID_VALUE', line: 2 });
    expect(configError(() => readBunfig('bunfig.toml', '[install]\nminimumReleaseAge = 1\n[install]\nminimumReleaseAge = 2\n'))).toMatchObject({ code: 'MALFORMED', line: 4 });
  });
});

describe('readAgeGates', () => {
  it('reads every known settings file by name, in order, and ignores the rest', async () => {
    const gates = await readAgeGates([
      { path: 'package.json', content: '{"name":"app"}' },
      { path: '.npmrc', content: 'min-release-age=3\n' },
      { path: 'pnpm-workspace.yaml', content: 'minimumReleaseAge: 1440\n' },
      { path: 'tools/.yarnrc.yml', content: 'npmMinimalAgeGate: 2d\n' },
      { path: 'bunfig.toml', content: '[install]\nminimumReleaseAge = 3600\n' },
      { path: 'not-bunfig.toml', content: '[install]\nminimumReleaseAge = "x"\n' },
    ]);
    expect(gates.map((g) => [g.file, g.hours])).toEqual([
      ['.npmrc', 72],
      ['pnpm-workspace.yaml', 24],
      ['tools/.yarnrc.yml', 48],
      ['bunfig.toml', 1],
    ]);
  });

  it('refuses a settings file over the size limit', async () => {
    const huge = 'x'.repeat(MAX_CONFIG_BYTES + 1);
    for (const path of ['.npmrc', 'pnpm-workspace.yaml', '.yarnrc.yml', 'bunfig.toml']) {
      expect(await rejectedWith(ConfigError, readAgeGates([{ path, content: huge }])), path).toMatchObject({ code: 'TOO_LARGE', file: path });
    }
  });
});
