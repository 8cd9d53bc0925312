import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { UpstreamError } from '../../core/errors.js';
import type { ToolSpec } from './choose-tool.js';
import { runSandboxed } from './sandbox.js';

export interface InstalledTool {
  /** The program to spawn and the arguments that come before the package manager's own. */
  readonly command: string;
  readonly prefix: readonly string[];
}

export interface InstallToolOptions {
  readonly prefix: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
  /** The node executable that runs JavaScript package managers. */
  readonly node: string;
}

/**
 * Installs a package manager from the npm registry into `prefix` with npm, install scripts
 * off (bun's postinstall only copies the platform binary, which is found directly instead).
 * @throws {UpstreamError} UNREACHABLE when the release cannot be had or has no binary for this platform.
 */
export async function installTool(tool: ToolSpec, options: InstallToolOptions): Promise<InstalledTool> {
  const result = await runSandboxed({
    command: 'npm',
    args: ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', options.prefix, '--', tool.spec],
    cwd: options.prefix,
    env: options.env,
    timeoutMs: options.timeoutMs,
    maxOutputBytes: options.maxOutputBytes,
  });
  if (result.exitCode !== 0) throw new UpstreamError('UNREACHABLE', tool.label, `could not be installed from the npm registry (npm install ${tool.spec}): ${result.output.trim().split('\n').slice(-3).join(' | ').slice(0, 600)}`);
  const modules = join(options.prefix, 'node_modules');
  if (!tool.native) return { command: options.node, prefix: [join(modules, tool.entry)] };
  for (const candidate of nativeCandidates(tool.entry)) {
    const path = join(modules, candidate);
    if (await exists(path)) return { command: path, prefix: [] };
  }
  throw new UpstreamError('UNREACHABLE', tool.label, `has no binary for ${process.platform}-${process.arch} in the npm registry's packages`);
}

/** bun ships its binary in `@oven/bun-<platform>-<arch>[-baseline|-musl]`, one of which npm installs. */
function nativeCandidates(name: string): string[] {
  const base = `@oven/${name}-${process.platform}-${process.arch === 'arm64' ? 'aarch64' : process.arch}`;
  return ['', '-baseline', '-musl', '-musl-baseline'].map((suffix) => `${base}${suffix}/bin/${name}`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
