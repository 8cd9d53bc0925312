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

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outdir = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : join(root, 'dist', 'bin');

/**
 * The CycloneDX library's optional plug-ins (XML stringifiers, JSON and XML
 * validators) are tried in a try/catch and chaingate uses none of them: leaving
 * them out keeps ajv and the XML stack from loading with every SBOM.
 */
const leaveOutOptional = {
  name: 'leave-out-optional-plugins',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(libxmljs2|xmlbuilder2|ajv|ajv-formats|ajv-formats-draft2019)$/ }, (args) => ({ path: args.path, namespace: 'left-out' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not bundled with the chaingate CLI`)});`,
      loader: 'js',
    }));
  },
};

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
  absWorkingDir: root,
  entryPoints: { chaingate: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: false,
  sourcemap: false,
  legalComments: 'eof',
  charset: 'utf8',
  logLevel: 'warning',
  // CommonJS dependencies (semver, js-yaml, the CycloneDX library) call require() for Node built-ins
  // and read __dirname / __filename at load (the CycloneDX library's resource folder).
  banner: {
    js: [
      "import { createRequire as __chaingateCreateRequire } from 'node:module';",
      "import { dirname as __chaingateDirname } from 'node:path';",
      "import { fileURLToPath as __chaingateFileURLToPath } from 'node:url';",
      'const require = __chaingateCreateRequire(import.meta.url);',
      'const __filename = __chaingateFileURLToPath(import.meta.url);',
      'const __dirname = __chaingateDirname(__filename);',
    ].join('\n'),
  },
  plugins: [embedVersion, leaveOutOptional],
});
console.log(`wrote ${join(outdir, 'chaingate.js')}`);
