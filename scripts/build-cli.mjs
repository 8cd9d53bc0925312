#!/usr/bin/env node
// Bundles the CLI (src/cli/main.ts) into dist/bin/: the entry chaingate.js plus
// one chunk per command and the chunks they share, so a command loads only its
// own code in one or a few files instead of hundreds of modules.
//
//   node scripts/build-cli.mjs            writes dist/bin/
//   node scripts/build-cli.mjs --out DIR  writes DIR/ (the bundle test)
//
// The version is embedded; dist/bin/ sits two levels below the package root,
// like src/adapters/, so the modules that read shipped data relative to
// import.meta.url (data/popular-npm.json, data/sigstore/) find it from the bundle too.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { leaveOutOptional, nodeBundleOptions } from './lib/node-bundle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outdir = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : join(root, 'dist', 'bin');

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The version is fixed when the bundle is built: `--version` reads no file. */
const embedVersion = {
  name: 'embed-version',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /src[\\/]adapters[\\/]version\.ts$/ }, () => ({
      contents: `export function chaingateVersion() { return ${JSON.stringify(String(manifest.version))}; }\n`,
      loader: 'ts',
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  ...nodeBundleOptions(root),
  entryPoints: { chaingate: 'src/cli/main.ts' },
  outdir,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  // PGlite loads its WebAssembly and data files from beside its own module: bundled, it would look for them
  // beside the bundle. Left to node_modules, the store commands find them where npm installed them.
  external: ['@electric-sql/pglite', '@electric-sql/pglite/*'],
  plugins: [embedVersion, leaveOutOptional('CLI')],
});
console.log(`wrote ${join(outdir, 'chaingate.js')}`);
