#!/usr/bin/env node
// chaingate start-up benchmark: the real `chaingate` command a user runs (package.json `bin`),
// as whole processes, side by side with the floor processes and the tools a user would pick
// instead, as ratios in one run.
//
//   npm run build && bash bench/corpus/build.sh && node bench/startup.mjs [--runs 9] [--node PATH]
//
// Every command is a fresh process (output discarded); all of them run once per round, in an
// order rotated every round, after one warm-up round; medians per command. cyclonedx-npm takes
// seconds per run, so it runs --slow-runs times after the others.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { loadCompetitors } from './lib/competitors.mjs';
import { machine } from './lib/machine.mjs';
import { alternate } from './lib/processes.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '9' },
    'slow-runs': { type: 'string', default: '3' },
    node: { type: 'string', default: process.execPath },
    corpus: { type: 'string', default: fileURLToPath(new URL('./.corpus/', import.meta.url)) },
  },
});
const root = fileURLToPath(new URL('../', import.meta.url));
const lib = (file) => fileURLToPath(new URL(`./lib/${file}`, import.meta.url));
const node = args.node;
const runs = Number(args.runs);
const npmDir = join(args.corpus, 'head', 'npm');
const pnpmDir = join(args.corpus, 'head', 'pnpm');
const npmLock = join(npmDir, 'package-lock.json');
const pnpmLock = join(pnpmDir, 'pnpm-lock.yaml');
const bin = join(root, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin.chaingate);
const tscMain = join(root, 'dist', 'cli', 'main.js');
const tools = loadCompetitors();

for (const [what, path] of [['the chaingate bin (npm run build)', bin], ['the npm corpus (bash bench/corpus/build.sh)', npmLock], ['the pnpm corpus', pnpmLock]]) {
  if (!existsSync(path)) {
    console.error(`missing ${what}: ${path}`);
    process.exit(2);
  }
}

const sbom = (entry, lock) => [entry, 'sbom', lock, '--deterministic', '--quiet'];
/** @type {import('./lib/processes.mjs').Command[]} */
const commands = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  { name: 'chaingate --version', argv: [bin, '--version'] },
  { name: 'tsc output --version', argv: [tscMain, '--version'] },
  { name: 'chaingate sbom --help', argv: [bin, 'sbom', '--help'] },
  { name: 'floor json', argv: [lib('floor-child.mjs'), 'json', npmLock] },
  { name: 'chaingate sbom npm', argv: sbom(bin, npmLock) },
  { name: 'tsc output sbom npm', argv: sbom(tscMain, npmLock) },
  ...(tools.arborist ? [{ name: 'arborist', argv: [lib('arborist-child.mjs'), npmDir] }] : []),
  { name: 'floor js-yaml', argv: [lib('floor-child.mjs'), 'js-yaml', pnpmLock] },
  { name: 'floor yaml', argv: [lib('floor-child.mjs'), 'yaml', pnpmLock] },
  { name: 'chaingate sbom pnpm', argv: sbom(bin, pnpmLock) },
];
const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
const m = machine();
console.log('# chaingate start-up\n');
console.log(`- node ${nodeVersion} (${node === process.execPath ? 'this process' : node}), ${m.nproc} CPUs (${m.cpu}), load ${m.load} at the start`);
console.log(`- ${runs} alternating rounds after 1 warm-up round; cyclonedx-npm ${args['slow-runs']} runs after 1 warm-up`);
console.log(`- chaingate bin: ${bin.slice(root.length)}; tsc output: ${tscMain.slice(root.length)}`);
for (const missing of tools.missing) console.log(`- MISSING: ${missing}`);

const results = alternate(node, commands, runs);
if (tools.cyclonedxCli) {
  const argv = [tools.cyclonedxCli, '--package-lock-only', '--output-format', 'JSON', '--output-reproducible', '--output-file', '-', 'package.json'];
  const [cdx] = alternate(node, [{ name: 'cyclonedx-npm', argv, cwd: npmDir }], Number(args['slow-runs'])).values();
  results.set('cyclonedx-npm', cdx);
}
console.log(`- load ${machine().load} at the end\n`);

const fmt = (ms) => (ms === undefined ? '—' : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const fmtX = (x) => (x === undefined || !Number.isFinite(x) ? '—' : `${x.toFixed(2)}×`);
const ratio = (a, b, key) => {
  const x = results.get(a)?.[key];
  const y = results.get(b)?.[key];
  return x === undefined || y === undefined ? undefined : x / y;
};
const fastestYamlFloor = (results.get('floor js-yaml')?.wall ?? Infinity) <= (results.get('floor yaml')?.wall ?? Infinity) ? 'floor js-yaml' : 'floor yaml';

/** [label, command, ratio of (a / b), what the ratio means, target test] */
const rows = [
  ['start-up', 'node -e 0', undefined],
  ['start-up', 'chaingate --version', ['chaingate --version', 'node -e 0', 'of node -e 0', (x) => x <= 1.5, '≤ 1.5×']],
  ['start-up', 'tsc output --version', ['tsc output --version', 'node -e 0', 'of node -e 0']],
  ['start-up', 'chaingate sbom --help', ['chaingate sbom --help', 'node -e 0', 'of node -e 0']],
  ['npm SBOM, 2,633 entries', 'floor json', undefined],
  ['npm SBOM, 2,633 entries', 'chaingate sbom npm', ['chaingate sbom npm', 'floor json', 'of the floor', (x) => x <= 3, '≤ 3×']],
  ['npm SBOM, 2,633 entries', 'tsc output sbom npm', ['tsc output sbom npm', 'floor json', 'of the floor']],
  ['npm SBOM, 2,633 entries', 'arborist', ['arborist', 'chaingate sbom npm', 'of chaingate sbom', (x) => x >= 5, '≥ 5×']],
  ['npm SBOM, 2,633 entries', 'cyclonedx-npm', ['cyclonedx-npm', 'chaingate sbom npm', 'of chaingate sbom']],
  ['pnpm SBOM, 2,237 packages', 'floor js-yaml', undefined],
  ['pnpm SBOM, 2,237 packages', 'floor yaml', ['floor yaml', 'floor js-yaml', 'of js-yaml']],
  ['pnpm SBOM, 2,237 packages', 'chaingate sbom pnpm', ['chaingate sbom pnpm', fastestYamlFloor, `of ${fastestYamlFloor}`, (x) => x <= 2, '≤ 2×']],
];
const DESCRIBE = {
  'node -e 0': '`node -e 0`',
  'chaingate --version': '**`chaingate --version`** (bin)',
  'tsc output --version': '`node dist/cli/main.js --version` (tsc output, no bundle)',
  'chaingate sbom --help': '`chaingate sbom --help` (bin: loads the sbom command and its libraries, reads nothing)',
  'floor json': 'floor: `node` + readFile + `JSON.parse`',
  'chaingate sbom npm': '**`chaingate sbom package-lock.json`** (bin)',
  'tsc output sbom npm': '`node dist/cli/main.js sbom package-lock.json` (tsc output)',
  arborist: `\`@npmcli/arborist\` ${tools.versions.arborist} \`loadVirtual()\` process`,
  'cyclonedx-npm': `\`@cyclonedx/cyclonedx-npm\` ${tools.versions.cyclonedxNpm} \`--package-lock-only\``,
  'floor js-yaml': 'floor: `node` + readFile + `js-yaml` `load`',
  'floor yaml': 'floor: `node` + readFile + `yaml` `parse`',
  'chaingate sbom pnpm': '**`chaingate sbom pnpm-lock.yaml`** (bin)',
};
console.log('| measure | process | wall ms | CPU ms | ratio (wall) | ratio (CPU) | target | pass (wall / CPU) |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [measure, name, spec] of rows) {
  const r = results.get(name);
  if (!r) continue;
  if (r.error) {
    console.log(`| ${measure} | ${DESCRIBE[name]} | error: ${r.error} | | | | | |`);
    continue;
  }
  let cells = ['—', '—', '', ''];
  if (spec) {
    const [a, b, note, test, target] = spec;
    const wall = ratio(a, b, 'wall');
    const cpu = ratio(a, b, 'cpu');
    const verdict = (x) => (x === undefined ? '—' : test(x) ? 'pass' : 'FAIL');
    cells = [`${fmtX(wall)} ${note}`, `${fmtX(cpu)}`, target ?? '', test ? `${verdict(wall)} / ${verdict(cpu)}` : ''];
  }
  console.log(`| ${measure} | ${DESCRIBE[name]} | ${fmt(r.wall)} | ${fmt(r.cpu)} | ${cells.join(' | ')} |`);
}
