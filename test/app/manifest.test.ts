import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FIXTURES } from '../helpers/fixtures.js';

const manifest = parse(readFileSync(join(FIXTURES, '..', '..', 'app.yml'), 'utf8')) as {
  name: string;
  default_events: string[];
  default_permissions: Record<string, string>;
};

describe('app.yml', () => {
  it('asks for least privilege: code and workflows are never writable, nothing is admin', () => {
    expect(manifest.default_permissions.contents).toBe('read');
    expect(manifest.default_permissions).not.toHaveProperty('workflows');
    expect(manifest.default_permissions).not.toHaveProperty('administration');
    expect(Object.values(manifest.default_permissions).every((level) => level === 'read' || level === 'write')).toBe(true);
  });

  it('subscribes to the events the gate needs', () => {
    expect(manifest.default_events).toEqual(expect.arrayContaining(['pull_request', 'merge_group', 'push', 'release']));
  });
});
