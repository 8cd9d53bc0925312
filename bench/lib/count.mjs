// Counts the packages each lockfile in bench/.corpus/ holds, read straight from the
// lockfile (independently of chaingate), and writes bench/.corpus/counts.json.
//   node bench/lib/count.mjs [corpusDir]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseSyml } from '@yarnpkg/parsers';

/** npm v2/v3: every `packages` entry but the root and workspace links. */
export function countNpm(text) {
  const lock = JSON.parse(text);
  return Object.entries(lock.packages ?? {}).filter(([k, v]) => k !== '' && !v.link).length;
}

/** pnpm 9: one `packages` key per name@version (peer-suffixed variants live in `snapshots`). */
export function countPnpm(text) {
  return Object.keys(parseYaml(text).packages ?? {}).length;
}

/** yarn classic: distinct resolved name@version (several ranges share one entry). */
export function countYarn(text) {
  const seen = new Set();
  for (const [key, entry] of Object.entries(parseSyml(text))) {
    if (key === '__metadata') continue;
    const first = key.split(',')[0].trim();
    const name = first.slice(0, first.indexOf('@', 1));
    seen.add(`${name}@${entry.version}`);
  }
  return seen.size;
}

export const COUNTERS = {
  npm: { file: 'package-lock.json', count: countNpm },
  pnpm: { file: 'pnpm-lock.yaml', count: countPnpm },
  yarn: { file: 'yarn.lock', count: countYarn },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const corpus = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', '.corpus');
  const counts = {};
  for (const variant of ['base', 'head']) {
    for (const [manager, { file, count }] of Object.entries(COUNTERS)) {
      const path = join(corpus, variant, manager, file);
      if (!existsSync(path)) continue;
      const text = readFileSync(path, 'utf8');
      counts[`${variant}/${manager}`] = { file, bytes: Buffer.byteLength(text), packages: count(text) };
    }
  }
  writeFileSync(join(corpus, 'counts.json'), JSON.stringify(counts, null, 2) + '\n');
  console.table(counts);
}
