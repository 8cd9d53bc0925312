// What the CLI bundle (build-cli.mjs) and the Action bundle (build-action.mjs)
// share: esbuild settings for an ESM bundle Node 20+ runs, the banner that
// gives CommonJS dependencies their require / __dirname, and the plug-in that
// leaves out the CycloneDX library's optional plug-ins.

/**
 * The CycloneDX library's optional plug-ins (XML stringifiers, JSON and XML
 * validators) are tried in a try/catch and chaingate uses none of them:
 * leaving them out keeps ajv and the XML stack from loading, so the bundle
 * behaves the same wherever it runs.
 */
export function leaveOutOptional(product) {
  return {
    name: 'leave-out-optional-plugins',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^(libxmljs2|xmlbuilder2|ajv|ajv-formats|ajv-formats-draft2019)$/ }, (args) => ({ path: args.path, namespace: 'left-out' }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`${args.path} is not bundled with the chaingate ${product}`)});`,
        loader: 'js',
      }));
    },
  };
}

/** esbuild options for a deterministic ESM bundle of `root`'s sources for Node 20 and later. */
export function nodeBundleOptions(root) {
  return {
    absWorkingDir: root,
    bundle: true,
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
  };
}
