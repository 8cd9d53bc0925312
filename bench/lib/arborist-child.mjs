// npm's own reading of a package-lock.json as a whole process: `new Arborist({ path }).loadVirtual()`.
//   node bench/lib/arborist-child.mjs <dir-with-package-lock.json>
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { TOOLS_DIR } from './competitors.mjs';

const Arborist = createRequire(join(TOOLS_DIR, 'package.json'))('@npmcli/arborist');
const tree = await new Arborist({ path: process.argv[2] }).loadVirtual();
if (tree.inventory.size < 2) process.exit(1);
