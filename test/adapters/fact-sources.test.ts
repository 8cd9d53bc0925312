import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/ports.js';
import { buildFactSources } from '../../src/adapters/fact-sources.js';
import { FIXTURES } from '../helpers/fixtures.js';

describe('buildFactSources', () => {
  it('consults every online source: OSV, GitHub, npm advisories, npm metadata and provenance', async () => {
    const { sources, unavailable } = await buildFactSources({ offline: false, cache: false, env: {} });
    expect(sources.advisories.map((s) => s.name)).toEqual(['osv', 'github', 'npm']);
    expect(sources.registry?.name).toBe('npm registry');
    expect(sources.provenance?.name).toBe('npm-provenance');
    expect(unavailable).toEqual([]);
  });

  it('offline with an OSV export consults only that export, and says it is indexing it', async () => {
    const events: ProgressEvent[] = [];
    const advisoriesPath = join(FIXTURES, 'osv/check');
    const { sources, unavailable } = await buildFactSources({ offline: true, cache: false, env: {}, advisoriesPath, onProgress: (e) => events.push(e) });
    expect(events).toEqual([{ kind: 'advisories', path: advisoriesPath }]);
    expect(sources.advisories).toHaveLength(1);
    expect(sources.registry).toBeUndefined();
    expect(sources.provenance).toBeUndefined();
    expect(unavailable).toEqual([]);
  });

  it('offline without advisories says that vulnerabilities and malware were not checked', async () => {
    const { sources, unavailable } = await buildFactSources({ offline: true, cache: false, env: {} });
    expect(sources.advisories).toEqual([]);
    expect(unavailable.map((u) => u.kind)).toEqual(['advisories', 'malware']);
  });

  it('refuses a trusted root that is not one', async () => {
    await expect(buildFactSources({ offline: false, cache: false, env: {}, trustedRoot: join(FIXTURES, 'osv/check/GHSA-35jh-r3h4-6jhm.json') })).rejects.toMatchObject({ name: 'ConfigError', code: 'MALFORMED' });
  });
});
