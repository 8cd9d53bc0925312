import { join } from 'node:path';
import type { PackageManager } from '../../core/remediation/index.js';

export interface LockfileRun {
  /** The package manager's arguments for one lockfile update. */
  readonly args: readonly string[];
  /** Where it keeps caches and global state: all inside the sandbox or the shared cache. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * How each package manager updates only the lockfile, scripts off, with its caches and global
 * folders inside the sandbox. yarn 1 has no lockfile-only mode: it installs into the sandbox's
 * `node_modules` with `--ignore-scripts` (not frozen, the default), which is thrown away.
 */
export function lockfileRun(manager: Exclude<PackageManager, 'npm'>, berry: boolean, sandbox: string, cache: string, registry: string | undefined): LockfileRun {
  switch (manager) {
    case 'yarn':
      return berry
        ? {
          args: ['install', '--mode=update-lockfile'],
          env: {
            YARN_ENABLE_SCRIPTS: 'false',
            YARN_ENABLE_GLOBAL_CACHE: 'false',
            YARN_CACHE_FOLDER: join(cache, 'yarn-berry'),
            YARN_GLOBAL_FOLDER: join(sandbox, 'yarn-global'),
            YARN_ENABLE_TELEMETRY: 'false',
            YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
            YARN_ENABLE_PROGRESS_BARS: 'false',
            YARN_ENABLE_INLINE_BUILDS: 'false',
            COREPACK_ENABLE_STRICT: '0',
            ...(registry ? { YARN_NPM_REGISTRY_SERVER: registry } : {}),
          },
        }
        : {
          args: ['install', '--ignore-scripts', '--non-interactive', '--no-progress', '--ignore-engines', '--no-bin-links', '--cache-folder', join(cache, 'yarn-classic'), ...(registry ? ['--registry', registry] : [])],
          env: { YARN_DISABLE_SELF_UPDATE_CHECK: 'true' },
        };
    case 'pnpm':
      return {
        args: ['install', '--lockfile-only', '--ignore-scripts', '--no-frozen-lockfile', '--reporter=silent'],
        env: {
          npm_config_store_dir: join(cache, 'pnpm-store'),
          npm_config_cache_dir: join(cache, 'pnpm-cache'),
          XDG_DATA_HOME: join(sandbox, 'data'),
          XDG_CONFIG_HOME: join(sandbox, 'config'),
          XDG_STATE_HOME: join(sandbox, 'state'),
          npm_config_manage_package_manager_versions: 'false',
        },
      };
    case 'bun':
      return {
        args: ['install', '--lockfile-only', '--ignore-scripts', '--no-progress', '--no-summary', ...(registry ? ['--registry', registry] : [])],
        env: { BUN_INSTALL_CACHE_DIR: join(cache, 'bun'), BUN_INSTALL: join(sandbox, 'bun'), DO_NOT_TRACK: '1' },
      };
  }
}
