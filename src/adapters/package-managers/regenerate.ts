import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { ParseError, UpstreamError } from '../../core/errors.js';
import type { LockfileFormat } from '../../core/model.js';
import type { PackageManager } from '../../core/remediation/index.js';
import { chooseTool } from './choose-tool.js';
import { installTool } from './install-tool.js';
import { lockfileRun } from './lockfile-only.js';
import { cleanEnvironment, runSandboxed } from './sandbox.js';
import { aliasPinnedEntries, type PinnedRange } from './yarn-pinned-entries.js';

export interface RegenerateRequest {
  readonly manager: PackageManager;
  /** The lockfile's format: yarn classic and berry are one manager with different releases and commands. */
  readonly format: LockfileFormat;
  /** The lockfile's name in the project directory, e.g. `package-lock.json`. */
  readonly lockfile: string;
  /** Manifests and the lockfile, by path relative to the project directory; nothing else is copied. */
  readonly files: ReadonlyMap<string, string>;
  /**
   * Manifests to lock with first (exact pins where `files` has ranges): the package manager
   * then runs again with `files`, keeping the pinned versions, which the ranges accept.
   */
  readonly pinnedFirst?: ReadonlyMap<string, string> | undefined;
  /** The pins in `pinnedFirst` with the ranges they become (yarn needs them, see {@link aliasPinnedEntries}). */
  readonly pins?: readonly PinnedRange[] | undefined;
  /**
   * Packages given a new override: npm does not re-resolve an already locked package below a
   * workspace when only an override changes, so these are then updated by name (`npm update`),
   * which moves nothing else.
   */
  readonly overridden?: readonly string[] | undefined;
  /** Environment to pick the allow-listed variables from (PATH, proxies). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * npm's download cache, shared between runs (no credentials live there); used by npm and to
   * install yarn, pnpm or bun, whose own caches stay inside the sandbox.
   */
  readonly cacheDirectory?: string | undefined;
  readonly registry?: string | undefined;
  readonly timeoutMs?: number | undefined;
  readonly maxOutputBytes?: number | undefined;
  /** Largest lockfile read back. */
  readonly maxLockfileBytes: number;
}

const DEFAULT_TIMEOUT_MS = 180_000;
const DEFAULT_MAX_OUTPUT = 1024 * 1024;

/**
 * Writes the project's manifests and lockfile into a fresh temporary
 * directory outside any checkout and has the real package manager update the
 * lockfile there, with install scripts off, a clean environment (a throwaway
 * HOME and an empty user config, so no user or project `.npmrc` with its tokens
 * is read; the machine's global npmrc, which holds CA settings, still applies),
 * a time limit and an output limit. Returns the lockfile it wrote; the directory is removed.
 * @throws {UpstreamError} when the package manager cannot run, fails or exceeds a limit.
 */
export async function regenerateLockfile(request: RegenerateRequest): Promise<string> {
  const sandbox = await mkdtemp(join(tmpdir(), 'chaingate-fix-'));
  try {
    const project = join(sandbox, 'project');
    const home = join(sandbox, 'home');
    await mkdir(home, { recursive: true });
    await writeFile(join(home, '.npmrc'), '');
    const write = async (files: ReadonlyMap<string, string>) => {
      for (const [path, content] of files) {
        const target = inside(project, path);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, content);
      }
    };
    await write(request.files);
    const lockText = request.files.get(request.lockfile) ?? '';
    const keepsResolved = /"resolved"\s*:\s*"https?:/u.test(lockText);
    const env = cleanEnvironment(request.env, {
      HOME: home,
      USERPROFILE: home,
      npm_config_userconfig: join(home, '.npmrc'),
      npm_config_cache: request.cacheDirectory ?? join(sandbox, 'cache'),
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      ...(request.registry ? { npm_config_registry: request.registry } : {}),
    });
    const args = [
      'install',
      '--package-lock-only',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      keepsResolved ? '--no-omit-lockfile-registry-resolved' : '--omit-lockfile-registry-resolved',
    ];
    if (request.manager !== 'npm') {
      await runOtherManager(request, request.manager, { sandbox, project, home, npmEnv: env, write });
      return await readWritten(project, request);
    }
    const runNpm = async (command: readonly string[] = args) => {
      const result = await runSandboxed({
        command: 'npm',
        args: [...command],
        cwd: project,
        env,
        timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxOutputBytes: request.maxOutputBytes ?? DEFAULT_MAX_OUTPUT,
      });
      if (result.exitCode !== 0) {
        throw new UpstreamError('BAD_RESPONSE', `npm ${command[0]}`, `exited with ${result.exitCode}: ${lastLines(result.output)}`);
      }
    };
    if (request.pinnedFirst) {
      await write(request.pinnedFirst);
      await runNpm();
      // The manifests with their ranges again, over the lockfile npm just wrote.
      await write(new Map([...request.files].filter(([path]) => path !== request.lockfile)));
    }
    await runNpm();
    if (request.overridden && request.overridden.length > 0) {
      // After `--`: a package name from an advisory record is never read as a flag.
      await runNpm(['update', ...args.slice(1), '--', ...request.overridden]);
    }
    return await readWritten(project, request);
  } finally {
    await rm(sandbox, { recursive: true, force: true });
  }
}

interface SandboxDirs {
  readonly sandbox: string;
  readonly project: string;
  readonly home: string;
  /** The clean environment npm runs with; the other managers start from it. */
  readonly npmEnv: Readonly<Record<string, string>>;
  readonly write: (files: ReadonlyMap<string, string>) => Promise<void>;
}

/**
 * yarn, pnpm or bun: installed from the npm registry into the sandbox (the release the project
 * names, see {@link chooseTool}), then run once per manifest state like npm.
 */
async function runOtherManager(request: RegenerateRequest, manager: Exclude<PackageManager, 'npm'>, dirs: SandboxDirs): Promise<void> {
  const limits = { timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxOutputBytes: request.maxOutputBytes ?? DEFAULT_MAX_OUTPUT };
  const root = parseRoot(request.files.get('package.json'));
  const tool = chooseTool(request.format, request.lockfile, request.files.get(request.lockfile) ?? '', root, Number(process.versions.node.split('.')[0]));
  const tools = join(dirs.sandbox, 'tools');
  await mkdir(tools, { recursive: true });
  const installed = await installTool(tool, { prefix: tools, env: dirs.npmEnv, node: process.execPath, ...limits });
  const run = lockfileRun(manager, request.format === 'yarn-berry', dirs.sandbox, join(dirs.sandbox, 'cache'), request.registry);
  // The tool's node first on PATH, so `#!/usr/bin/env node` inside it finds the same runtime.
  const env = { ...dirs.npmEnv, ...run.env, PATH: [dirname(process.execPath), dirs.npmEnv['PATH'] ?? ''].join(':') };
  const once = async () => {
    const result = await runSandboxed({ command: installed.command, args: [...installed.prefix, ...run.args], cwd: dirs.project, env, ...limits });
    if (result.exitCode !== 0) throw new UpstreamError('BAD_RESPONSE', `${tool.label} install`, `exited with ${result.exitCode}: ${lastLines(result.output)}`);
  };
  if (request.pinnedFirst) {
    await dirs.write(request.pinnedFirst);
    await once();
    await dirs.write(new Map([...request.files].filter(([path]) => path !== request.lockfile)));
    if (manager === 'yarn' && request.pins) {
      const lockPath = inside(dirs.project, request.lockfile);
      await writeFile(lockPath, aliasPinnedEntries(await readFile(lockPath, 'utf8'), request.pins, request.format === 'yarn-berry'));
    }
  }
  await once();
}

async function readWritten(project: string, request: RegenerateRequest): Promise<string> {
  const written = inside(project, request.lockfile);
  const size = (await stat(written)).size;
  if (size > request.maxLockfileBytes) throw new UpstreamError('BAD_RESPONSE', `${request.manager} install`, `wrote a ${size}-byte ${request.lockfile}, above the ${request.maxLockfileBytes}-byte limit`);
  return await readFile(written, 'utf8');
}

function parseRoot(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A path below `root`; refuses `..` and absolute paths, which no manifest path from a lockfile should hold. */
function inside(root: string, path: string): string {
  const normalised = normalize(path);
  if (normalised.startsWith('..') || normalised.startsWith(sep) || /^[a-zA-Z]:/u.test(normalised)) {
    throw new ParseError('MALFORMED', path, 'names a file outside the project directory; refusing to copy it');
  }
  return join(root, normalised);
}

function lastLines(output: string): string {
  return output.trim().split('\n').slice(-5).join(' | ').slice(0, 800);
}
