// Counts the packages each lockfile in bench/.corpus/ holds, read straight from the
// lockfile (independently of chaingate), and writes bench/.corpus/counts.json.
//   node bench/lib/count.mjs [corpusDir]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseSyml } from '@yarnpkg/parsers';

/** npm v2/v3: every `packages` entry but the root and workspace links (nested copies count once each). */
export function countNpm(text) {
  return npmEntries(text).length;
}

/** npm v2/v3: distinct name@version among those entries. */
export function countNpmDistinct(text) {
  return new Set(npmEntries(text).map(([k, v]) => `${v.name ?? k.slice(k.lastIndexOf('node_modules/') + 13)}@${v.version}`)).size;
}

function npmEntries(text) {
  return Object.entries(JSON.parse(text).packages ?? {}).filter(([k, v]) => k !== '' && !v.link);
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
  npm: { file: 'package-lock.json', count: countNpm, distinct: countNpmDistinct },
  pnpm: { file: 'pnpm-lock.yaml', count: countPnpm, distinct: countPnpm },
  yarn: { file: 'yarn.lock', count: countYarn, distinct: countYarn },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const corpus = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', '.corpus');
  const counts = {};
  for (const variant of ['base', 'head']) {
    for (const [manager, { file, count, distinct }] of Object.entries(COUNTERS)) {
      const path = join(corpus, variant, manager, file);
      if (!existsSync(path)) continue;
      const text = readFileSync(path, 'utf8');
      counts[`${variant}/${manager}`] = { file, bytes: Buffer.byteLength(text), entries: count(text), distinct: distinct(text) };
    }
  }
  writeFileSync(join(corpus, 'counts.json'), JSON.stringify(counts, null, 2) + '\n');
  console.table(counts);
}
