// chaingate's full SBOM as one cold process, to compare like for like with cyclonedx-npm's CLI:
//   node bench/lib/sbom-child.mjs <dir-with-package-lock.json>   (writes CycloneDX JSON to stdout)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadEngine } from './engine.mjs';

const dir = process.argv[2];
const engine = await loadEngine();
if (!engine.parseLockfile || !engine.buildBom || !engine.serializeBom) {
  console.error(`missing: ${engine.missing.join(', ')}`);
  process.exit(2);
}
const content = await readFile(join(dir, 'package-lock.json'), 'utf8');
const openSibling = (name) => readFile(join(dir, name), 'utf8').catch(() => undefined);
const graph = await engine.parseLockfile(content, { path: 'package-lock.json', limits: engine.DEFAULT_LIMITS, openSibling });
const bom = engine.buildBom([graph], { root: { name: 'chaingate-bench-app', version: '1.0.0' }, toolVersion: '0', deterministic: true });
process.stdout.write(engine.serializeBom(bom, 'json'));
