import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const HERE = join(FIXTURES, 'remediation');
const work = mkdtempSync(join(tmpdir(), 'chaingate-fix-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('chaingate fix (offline)', () => {
  it('says a project without any affected version is not exposed, and changes nothing', async () => {
    const dir = join(work, 'not-exposed');
    cpSync(join(HERE, 'npm-transitive'), dir, { recursive: true });
    const { code, stdout } = await cli(['fix', '--advisory', join(FIXTURES, 'osv/records/MAL-2025-46974.json'), dir], work);
    expect(code).toBe(0);
    expect(stdout).toContain('MAL-2025-46974 (malware): debug in package-lock.json (npm)\n  not exposed');
    expect(readFileSync(join(dir, 'package-lock.json'), 'utf8')).toBe(readFileSync(join(HERE, 'npm-transitive/package-lock.json'), 'utf8'));
  });

  it('prints the plan as JSON with --dry-run --format json', async () => {
    const { code, stdout } = await cli(['fix', '--advisory', join(FIXTURES, 'osv/records/MAL-2025-46974.json'), join(HERE, 'npm-transitive'), '--dry-run', '--format', 'json'], work);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ schemaVersion: 1, plans: [{ advisory: 'MAL-2025-46974', malware: true, package: 'debug', status: 'not-exposed' }] });
  });

  it('needs --advisory', async () => {
    const { code, stderr } = await cli(['fix', join(HERE, 'npm-transitive')], work);
    expect(code).toBe(2);
    expect(stderr).toContain('fix needs --advisory');
  });

  it('names the advisory file that is not an OSV record', async () => {
    const bad = join(work, 'bad.json');
    writeFileSync(bad, '{"summary": "no id"}');
    const { code, stderr } = await cli(['fix', '--advisory', bad, join(HERE, 'npm-transitive')], work);
    expect(code).toBe(2);
    expect(stderr).toContain('bad.json: is not an OSV record');
  });

  it('names the directory without a lockfile', async () => {
    const { code, stderr } = await cli(['fix', '--advisory', join(HERE, 'GHSA-xvch-5gv4-984h.json'), work], work);
    expect(code).toBe(2);
    expect(stderr).toContain('has no lockfile');
  });

  it('refuses a project whose lockfile or manifest is a symbolic link, and writes nothing through it', async () => {
    for (const linked of ['package-lock.json', 'package.json']) {
      const dir = join(work, `linked-${linked}`);
      cpSync(join(HERE, 'npm-transitive'), dir, { recursive: true });
      const outside = join(work, `outside-${linked}`);
      cpSync(join(dir, linked), outside);
      unlinkSync(join(dir, linked));
      symlinkSync(outside, join(dir, linked));
      const { code, stderr } = await cli(['fix', '--advisory', join(HERE, 'GHSA-xvch-5gv4-984h.json'), dir], work);
      expect(code).toBe(2);
      expect(stderr).toContain(`${linked}: is a symbolic link`);
      expect(readFileSync(outside, 'utf8')).toBe(readFileSync(join(HERE, 'npm-transitive', linked), 'utf8'));
    }
  });

  it('reads an advisory that is not a regular file as nothing (a FIFO or device is never opened for reading)', async () => {
    const { code, stderr } = await cli(['fix', '--advisory', '/dev/zero', join(HERE, 'npm-transitive')], work);
    expect(code).toBe(2);
    expect(stderr).toContain('/dev/zero: is not a regular file');
  });

  it('rejects a timeout that is not a number of seconds', async () => {
    const { code } = await cli(['fix', '--advisory', 'x', '--timeout', 'soon'], work);
    expect(code).toBe(2);
  });
});
