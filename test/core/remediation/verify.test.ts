import { describe, expect, it } from 'vitest';
import { planRemediation, verifyRegenerated } from '../../../src/core/remediation/index.js';
import { npmDeclaredRanges } from '../../../src/core/remediation/index.js';
import { parseLockfile } from '../../../src/ecosystems/detect.js';
import { fixtureOptions, readFixture } from '../../helpers/fixtures.js';
import { advisoryOf, MINIMIST, minimistAffected } from './metadata.js';

const REL = 'remediation/npm-transitive/package-lock.json';
const minimist = { name: 'minimist', advisory: advisoryOf('GHSA-xvch-5gv4-984h', ['0.2.4', '1.2.6']), affects: minimistAffected };

/** The fixture's lockfile with entries' versions rewritten, as a package manager might have written it. */
async function lockWith(versions: Record<string, string>) {
  const lock = JSON.parse(await readFixture(REL));
  for (const [name, version] of Object.entries(versions)) lock.packages[`node_modules/${name}`].version = version;
  return parseLockfile(JSON.stringify(lock), fixtureOptions(REL));
}

async function setup() {
  const text = await readFixture(REL);
  const before = await parseLockfile(text, fixtureOptions(REL));
  const plan = planRemediation({ graph: before, manifests: new Map([['.', JSON.parse(await readFixture('remediation/npm-transitive/package.json'))]]), affected: minimist, metadata: MINIMIST, declaredRanges: npmDeclaredRanges(JSON.parse(text)) });
  return { before, planned: [{ plan, affects: minimistAffected }] };
}

describe('verifyRegenerated', () => {
  it('accepts a lockfile that moves exactly the planned version', async () => {
    const { before, planned } = await setup();
    const result = verifyRegenerated(planned, before, await lockWith({ minimist: '1.2.6' }));
    expect(result.problems).toEqual([]);
    expect(result.changes.map((c) => [c.type, c.name, c.from, c.to])).toEqual([['upgraded', 'minimist', '1.2.5', '1.2.6']]);
  });

  it('refuses a lockfile that also moves another package or lands on another version', async () => {
    const { before, planned } = await setup();
    const result = verifyRegenerated(planned, before, await lockWith({ minimist: '1.2.8', mkdirp: '0.5.6' }));
    expect(result.problems).toEqual(['unplanned change: upgraded minimist 1.2.5 → 1.2.8', 'unplanned change: upgraded mkdirp 0.5.5 → 0.5.6']);
  });

  it('refuses a lockfile that still holds the affected version', async () => {
    const { before, planned } = await setup();
    const result = verifyRegenerated(planned, before, before);
    expect(result.problems).toEqual(['minimist@1.2.5 is still in remediation/npm-transitive/package-lock.json']);
  });
});
