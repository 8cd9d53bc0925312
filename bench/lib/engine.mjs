// chaingate's engine, imported lazily from the built dist/ so the benchmark still runs
// (and says what is missing) while parts of the engine are not built yet.
const DIST = new URL('../../dist/', import.meta.url);

/** Each export, with the dist modules that may provide it (first found wins). */
const EXPORTS = {
  parseLockfile: ['ecosystems/api.js', 'ecosystems/detect.js'],
  DEFAULT_LIMITS: ['core/limits.js'],
  buildBom: ['core/sbom/index.js'],
  serializeBom: ['core/sbom/index.js'],
  diffGraphs: ['core/diff/index.js'],
};

async function tryImport(rel, failures) {
  try {
    return await import(new URL(rel, DIST).href);
  } catch (error) {
    failures.push(`dist/${rel}: ${String(error.message).split('\n')[0]}`);
    return undefined;
  }
}

/**
 * @returns {Promise<{ parseLockfile?: Function, DEFAULT_LIMITS?: object, buildBom?: Function,
 *   serializeBom?: Function, diffGraphs?: Function, missing: string[] }>}
 */
export async function loadEngine() {
  const engine = { missing: [] };
  for (const [name, candidates] of Object.entries(EXPORTS)) {
    const failures = [];
    for (const rel of candidates) {
      const mod = await tryImport(rel, failures);
      if (mod && name in mod) {
        engine[name] = mod[name];
        break;
      }
      if (mod) failures.push(`dist/${rel} does not export ${name}`);
    }
    if (!(name in engine)) engine.missing.push(`${name} (${failures.join('; ')})`);
  }
  if (!engine.parseLockfile) await fallBackToFormatParsers(engine);
  return engine;
}

/** Per-format parsers by lockfile base name, for when the registry (api.ts) does not load yet. */
const FORMAT_PARSERS = {
  'package-lock.json': ['ecosystems/npm/index.js', 'npmParser'],
  'pnpm-lock.yaml': ['ecosystems/pnpm/index.js', 'pnpmParser'],
  'yarn.lock': ['ecosystems/yarn/index.js', 'yarnClassicParser'],
};

async function fallBackToFormatParsers(engine) {
  const parsers = {};
  for (const [file, [rel, name]] of Object.entries(FORMAT_PARSERS)) {
    const failures = [];
    const mod = await tryImport(rel, failures);
    if (mod?.[name]) parsers[file] = mod[name];
    else engine.missing.push(`fallback ${name} (${failures.join('; ') || 'not exported'})`);
  }
  if (Object.keys(parsers).length === 0) return;
  engine.parseLockfile = async (content, options) => {
    const parser = parsers[options.path.split('/').pop()];
    if (!parser) throw new Error(`no built parser for ${options.path}`);
    return parser.parse(content, options);
  };
  engine.parseLockfile.viaFallback = true;
  engine.missing.push('parseLockfile: using the per-format parsers directly (api.ts did not load)');
}
