// Ingests two different lockfiles into one (repository, ref) over and over, for the crash test.
import { diskRepo } from '../../../src/adapters/fs/disk-repo.js';
import { ingestSnapshot } from '../../../src/adapters/store/ingest-snapshot.js';
import { openInventory } from '../../../src/adapters/store/open-inventory.js';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';

const [first = '', second = ''] = process.argv.slice(2);
const { inventory } = await openInventory({ env: process.env, cwd: process.cwd(), schema: process.env.CG_TEST_SCHEMA });
console.log('ready');
for (let round = 0; ; round++) {
  const dir = round % 2 === 0 ? first : second;
  await ingestSnapshot(inventory, { repository: { owner: 'acme', name: 'flip' }, ref: 'main', sha: round.toString(16).padStart(40, '0'), files: diskRepo(dir), limits: DEFAULT_LIMITS, now: new Date() });
  console.log(`ingested ${round}`);
}
