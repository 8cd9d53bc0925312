// The floor a lockfile reader cannot beat, as a whole process: start Node, read the file, parse it.
//   node bench/lib/floor-child.mjs json|js-yaml|yaml <file>
import { readFile } from 'node:fs/promises';

const [reader, file] = process.argv.slice(2);
const text = await readFile(file, 'utf8');
if (reader === 'json') {
  JSON.parse(text);
} else if (reader === 'js-yaml') {
  const { load, CORE_SCHEMA } = await import('js-yaml');
  load(text, { schema: CORE_SCHEMA });
} else if (reader === 'yaml') {
  const { parse } = await import('yaml');
  parse(text);
} else {
  console.error(`unknown reader ${reader}`);
  process.exit(2);
}
