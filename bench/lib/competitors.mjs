// The tools a user would pick instead, loaded from bench/.tools/ (installed by
// bench/corpus/build.sh at pinned versions). A tool that is not installed is reported, not fatal.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOOLS_DIR = fileURLToPath(new URL('../.tools/', import.meta.url));
const require = createRequire(join(TOOLS_DIR, 'package.json'));

function load(id, missing) {
  try {
    return require(id);
  } catch (error) {
    missing.push(`${id} (${String(error.message).split('\n')[0]}) — run bash bench/corpus/build.sh`);
    return undefined;
  }
}

/** Read from node_modules directly: some packages do not export their package.json. */
function versionOf(id) {
  try {
    return JSON.parse(readFileSync(join(TOOLS_DIR, 'node_modules', id, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

/** Counts the packages in a @snyk/dep-graph DepGraph, without its root. */
const snykCount = (graph) => graph.getPkgs().length - 1;

export function loadCompetitors() {
  const missing = [];
  const Arborist = load('@npmcli/arborist', missing);
  const snyk = load('snyk-nodejs-lockfile-parser', missing);
  // The package's `exports` hides its bin, so it is found by path.
  let cyclonedxCli = join(TOOLS_DIR, 'node_modules', '@cyclonedx', 'cyclonedx-npm', 'bin', 'cyclonedx-npm-cli.js');
  if (!existsSync(cyclonedxCli)) {
    missing.push('@cyclonedx/cyclonedx-npm — run bash bench/corpus/build.sh');
    cyclonedxCli = undefined;
  }
  const snykOptions = { includeDevDeps: true, includeOptionalDeps: true, includePeerDeps: true, strictOutOfSync: false };
  const readBoth = (dir, lock) => Promise.all([readFile(join(dir, 'package.json'), 'utf8'), readFile(join(dir, lock), 'utf8')]);

  return {
    missing,
    versions: {
      arborist: versionOf('@npmcli/arborist'),
      snyk: versionOf('snyk-nodejs-lockfile-parser'),
      cyclonedxNpm: versionOf('@cyclonedx/cyclonedx-npm'),
    },
    cyclonedxCli,
    /** `new Arborist({ path }).loadVirtual()`: npm's own reading of package-lock.json. */
    arborist: Arborist && {
      run: async (dir) => new Arborist({ path: dir }).loadVirtual(),
      count: (tree) => tree.inventory.size - 1,
    },
    snykNpm: snyk?.parseNpmLockV2Project && {
      run: async (dir) => {
        const [pkg, lock] = await readBoth(dir, 'package-lock.json');
        return snyk.parseNpmLockV2Project(pkg, lock, { ...snykOptions, pruneCycles: true });
      },
      count: snykCount,
    },
    snykPnpm: snyk?.parsePnpmProject && {
      run: async (dir) => {
        const [pkg, lock] = await readBoth(dir, 'pnpm-lock.yaml');
        return snyk.parsePnpmProject(pkg, lock, { ...snykOptions, pruneWithinTopLevelDeps: true });
      },
      count: snykCount,
    },
    snykYarn: snyk?.parseYarnLockV1Project && {
      run: async (dir) => {
        const [pkg, lock] = await readBoth(dir, 'yarn.lock');
        return snyk.parseYarnLockV1Project(pkg, lock, { ...snykOptions, pruneLevel: 'cycles' });
      },
      count: snykCount,
    },
  };
}
