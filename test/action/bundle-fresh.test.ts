import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

it('the committed action/dist/index.js is the bundle of the current sources (run scripts/build-action.mjs)', () => {
  const out = mkdtempSync(join(tmpdir(), 'chaingate-bundle-'));
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-action.mjs'), '--out', out], { cwd: ROOT, stdio: 'pipe' });
    const fresh = readFileSync(join(out, 'index.js'));
    const committed = readFileSync(join(ROOT, 'action/dist/index.js'));
    expect(fresh.equals(committed), 'action/dist/index.js is stale: run node scripts/build-action.mjs and commit it').toBe(true);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 60_000);
