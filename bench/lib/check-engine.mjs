// The parts of chaingate's built engine a `check` needs, imported from dist/ the way
// the CLI, the Action and the App reach them: through the one check seam. Fails with the list of what is missing.
import { existsSync } from 'node:fs';

const DIST = new URL('../../dist/', import.meta.url);

const REQUIRED = {
  loadOsvOffline: 'adapters/osv/index.js',
  OsvApiSource: 'adapters/osv/index.js',
  createHttpClient: 'adapters/http/index.js',
  MemoryCache: 'adapters/http/index.js',
  checkTrees: 'core/check/check-trees.js',
  ecosystemReader: 'ecosystems/reader.js',
  diskRepo: 'adapters/fs/disk-repo.js',
  DEFAULT_LIMITS: 'core/limits.js',
  parsePopularNames: 'core/signals/popular-names.js',
  renderVerdictJson: 'core/report/verdict-json.js',
  packageKey: 'core/ports.js',
};

/** Advisory and registry adapters measured when they are built: export → module. */
export const OPTIONAL = {
  GithubAdvisorySource: 'adapters/github-advisories/index.js',
  NpmBulkAdvisorySource: 'adapters/npm-registry/index.js',
  NpmRegistrySource: 'adapters/npm-registry/index.js',
};

export async function loadCheckEngine() {
  const engine = {};
  const missing = [];
  for (const [name, rel] of Object.entries(REQUIRED)) {
    try {
      const mod = await import(new URL(rel, DIST).href);
      if (name in mod) engine[name] = mod[name];
      else missing.push(`dist/${rel} does not export ${name}`);
    } catch (error) {
      missing.push(`dist/${rel}: ${String(error.message).split('\n')[0]}`);
    }
  }
  if (missing.length > 0) throw new Error(`the engine is not built (run npm run build):\n  ${missing.join('\n  ')}`);
  engine.missingOptional = [];
  for (const [name, rel] of Object.entries(OPTIONAL)) {
    const mod = existsSync(new URL(rel, DIST)) ? await import(new URL(rel, DIST).href).catch(() => undefined) : undefined;
    if (mod && name in mod) engine[name] = mod[name];
    else engine.missingOptional.push(`${name} (dist/${rel})`);
  }
  return engine;
}
