import { UpstreamError } from '../../core/errors.js';
import type { LockfileFormat } from '../../core/model.js';

/** The npm package that carries a package manager, and how to start it once installed. */
export interface ToolSpec {
  /** What `npm install` is given, e.g. `pnpm@10` or `@yarnpkg/cli-dist@4.9.1`. */
  readonly spec: string;
  /** The program below the install prefix's `node_modules`: a JavaScript entry run with node, or a native binary. */
  readonly entry: string;
  readonly native: boolean;
  /** For messages: `pnpm 10`, `yarn 4.9.1`. */
  readonly label: string;
}

const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/u;
/** pnpm 11 needs Node 22; chaingate runs on Node 20. */
const NEWEST_PNPM_MAJOR_ON_NODE_20 = 10;

/**
 * The package manager release to regenerate with: the exact version the root manifest's
 * `packageManager` names when it names this manager, else the major the lockfile's format
 * implies. A version that cannot be had (a `packageManager` of another manager for this
 * lockfile, a format no installable release writes) is reported, never guessed.
 * @throws {UpstreamError} UNREACHABLE naming the lockfile and the reason.
 */
export function chooseTool(format: LockfileFormat, lockfile: string, lockText: string, rootManifest: Readonly<Record<string, unknown>> | undefined, nodeMajor: number): ToolSpec {
  const declared = declaredManager(rootManifest);
  const cannot = (reason: string) => new UpstreamError('UNREACHABLE', lockfile, `cannot regenerate: ${reason}`);
  switch (format) {
    case 'yarn-classic': {
      const version = declared?.name === 'yarn' && declared.version.startsWith('1.') ? declared.version : '1.22.22';
      return { spec: `yarn@${version}`, entry: 'yarn/bin/yarn.js', native: false, label: `yarn ${version}` };
    }
    case 'yarn-berry': {
      const version = declared?.name === 'yarn' && !declared.version.startsWith('1.') ? declared.version : berryMajor(lockText);
      if (version === undefined) throw cannot('its __metadata version names no yarn release chaingate can run (yarn 3 writes 6, yarn 4 writes 8 or later); set "packageManager" in package.json');
      return { spec: `@yarnpkg/cli-dist@${version}`, entry: '@yarnpkg/cli-dist/bin/yarn.js', native: false, label: `yarn ${version}` };
    }
    case 'pnpm-lock': {
      const version = declared?.name === 'pnpm' ? declared.version : pnpmMajor(lockText);
      if (version === undefined) throw cannot('its lockfileVersion names no pnpm release chaingate can run; set "packageManager" in package.json');
      const major = Number(version.split('.')[0]);
      if (major > NEWEST_PNPM_MAJOR_ON_NODE_20 && nodeMajor < 22) throw cannot(`pnpm ${version} needs Node 22 or later and this is Node ${nodeMajor}`);
      return { spec: `pnpm@${version}`, entry: 'pnpm/bin/pnpm.cjs', native: false, label: `pnpm ${version}` };
    }
    case 'bun-lock': {
      const version = declared?.name === 'bun' ? declared.version : '1';
      return { spec: `bun@${version}`, entry: 'bun', native: true, label: `bun ${version}` };
    }
    default:
      throw cannot(`${format} is not written by yarn, pnpm or bun`);
  }
}

/** `packageManager: "pnpm@10.4.1+sha512.…"` → pnpm, 10.4.1; anything else (a URL, a range) → undefined. */
function declaredManager(manifest: Readonly<Record<string, unknown>> | undefined): { name: string; version: string } | undefined {
  const value = manifest?.['packageManager'];
  if (typeof value !== 'string') return undefined;
  const match = /^(yarn|pnpm|bun|npm)@([^+]+)(?:\+.*)?$/u.exec(value.trim());
  if (!match || !VERSION.test(match[2]!)) return undefined;
  return { name: match[1]!, version: match[2]! };
}

function berryMajor(lockText: string): string | undefined {
  const version = Number(/^__metadata:\r?\n(?:[ \t]+.*\r?\n)*?[ \t]+version:\s*"?(\d+)/mu.exec(lockText)?.[1]);
  if (version >= 8) return '4';
  if (version === 6) return '3';
  return undefined;
}

function pnpmMajor(lockText: string): string | undefined {
  const version = /^lockfileVersion:\s*['"]?([\d.]+)/mu.exec(lockText)?.[1];
  switch (version) {
    case '9.0':
      return '10';
    case '6.0':
      return '8';
    case '5.4':
      return '7';
    default:
      return undefined;
  }
}
