import { spawn } from 'node:child_process';
import { UpstreamError } from '../../core/errors.js';

/** Variables a package manager may see; everything else (GITHUB_TOKEN, NPM_TOKEN, NODE_AUTH_TOKEN, …) is left out. */
const PASSED_THROUGH = ['PATH', 'LANG', 'LC_ALL', 'TZ', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'SYSTEMROOT', 'TEMP', 'TMP', 'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE'];

/**
 * The environment a sandboxed package manager runs with: the allow-listed
 * variables from `from`, plus `extra` (a throwaway HOME, cache and config
 * locations). Built from an allow-list rather than by deleting known secrets,
 * so a token under a name nobody thought of never reaches it.
 */
export function cleanEnvironment(from: Readonly<Record<string, string | undefined>>, extra: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = from[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

export interface SandboxedCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Bytes of stdout plus stderr kept; beyond it the process is stopped. */
  readonly maxOutputBytes: number;
}

export interface CommandResult {
  readonly exitCode: number;
  readonly output: string;
}

/**
 * Runs one command in its own process group with no stdin, and stops the whole
 * group at the time limit or when its output passes the size limit.
 * @throws {UpstreamError} UNREACHABLE when it cannot start, TIMEOUT at the limit, BAD_RESPONSE when it talks too much.
 */
export function runSandboxed(spec: SandboxedCommand): Promise<CommandResult> {
  const service = `${spec.command} ${spec.args[0] ?? ''}`.trim();
  return new Promise((resolve, reject) => {
    const child = spawn(spec.command, [...spec.args], { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true, shell: false });
    const chunks: Buffer[] = [];
    let size = 0;
    let stopped: UpstreamError | undefined;
    const stop = (error: UpstreamError) => {
      if (stopped) return;
      stopped = error;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => stop(new UpstreamError('TIMEOUT', service, `did not finish within ${Math.round(spec.timeoutMs / 1000)} s`)), spec.timeoutMs);
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size > spec.maxOutputBytes) stop(new UpstreamError('BAD_RESPONSE', service, `wrote more than ${spec.maxOutputBytes} bytes of output`));
      else chunks.push(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (cause) => {
      clearTimeout(timer);
      reject(new UpstreamError('UNREACHABLE', service, `could not be started: ${cause.message}`, { cause }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (stopped) reject(stopped);
      else resolve({ exitCode: code ?? 1, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}
