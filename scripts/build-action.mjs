#!/usr/bin/env node
// Bundles the GitHub Action (src/action/run.ts) into one ESM file,
// action/dist/index.js, which the runner executes with `node24`.
//
//   node scripts/build-action.mjs            writes action/dist/index.js
//   node scripts/build-action.mjs --out DIR  writes DIR/index.js (the freshness test)
//
// The output is deterministic: same sources, same esbuild, same bytes.
// Modules that read shipped files at run time relative to import.meta.url
// (src/adapters/version.ts, popular-packages.ts, trusted-root.ts) would look for them next
// to the bundle; they are replaced here by modules that embed the data, so
// the bundle needs nothing beside it.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { leaveOutOptional, nodeBundleOptions } from './lib/node-bundle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outdir = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : join(root, 'action', 'dist');

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const popular = readFileSync(join(root, 'data', 'popular-npm.json'), 'utf8');
const trustedRoot = readFileSync(join(root, 'data', 'sigstore', 'trusted_root.json'), 'utf8');

/** Shipped data embedded in place of the modules that read it from disk. */
const EMBEDDED = {
  [join(root, 'src/adapters/version.ts')]: `export function chaingateVersion() { return ${JSON.stringify(String(manifest.version))}; }\n`,
  [join(root, 'src/adapters/popular-packages.ts')]: [
    "import { parsePopularNames } from '../core/signals/popular-names.js';",
    `const CONTENT = ${JSON.stringify(popular)};`,
    'let cached;',
    "export function loadPopularPackages() { return (cached ??= parsePopularNames('data/popular-npm.json', CONTENT)); }",
    '',
  ].join('\n'),
  [join(root, 'src/adapters/trusted-root.ts')]: [
    "import { loadTrustMaterial, trustMaterialFromJson } from './sigstore/index.js';",
    `const CONTENT = ${JSON.stringify(trustedRoot)};`,
    'export async function trustMaterialFor(path) {',
    '  if (path) return loadTrustMaterial(path);',
    "  return trustMaterialFromJson(JSON.parse(CONTENT), 'data/sigstore/trusted_root.json');",
    '}',
    '',
  ].join('\n'),
};

const embedData = {
  name: 'embed-shipped-data',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /src[\\/]adapters[\\/](version|popular-packages|trusted-root)\.ts$/ }, (args) => {
      const contents = EMBEDDED[args.path];
      if (contents === undefined) return undefined;
      return { contents, loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

await build({
  ...nodeBundleOptions(root),
  entryPoints: { index: 'src/action/run.ts' },
  outdir,
  plugins: [embedData, leaveOutOptional('Action')],
});
console.log(`wrote ${join(outdir, 'index.js')}`);
