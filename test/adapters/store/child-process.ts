import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cacheDir = fileURLToPath(new URL('../../../node_modules/.cache/chaingate-store-tests/', import.meta.url));
const built = new Map<string, Promise<string>>();

/**
 * Bundles a TypeScript entry (our sources inlined, packages left to
 * node_modules) so a test can run it as a real, separate process and kill it.
 */
export function bundleEntry(entry: URL): Promise<string> {
  const source = fileURLToPath(entry);
  let out = built.get(source);
  if (!out) {
    out = (async () => {
      await mkdir(cacheDir, { recursive: true });
      const outfile = `${cacheDir}${source.replace(/\W+/g, '_')}-${process.pid}.mjs`;
      await build({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'silent' });
      return outfile;
    })();
    built.set(source, out);
  }
  return out;
}

/** A running child whose stdout lines can be awaited. */
export interface Child {
  readonly process: ChildProcess;
  /** Resolves with the first stdout line that satisfies `test` (rejects if the child exits first). */
  waitForLine(test: (line: string) => boolean): Promise<string>;
  /** Resolves with the exit code (or the signal name). */
  readonly exited: Promise<number | string>;
  stderr(): string;
}

/**
 * Runs `script` with exactly the store the engine names in `env`: the store
 * variables of this process are dropped first, else an embedded engine's
 * child would inherit DATABASE_URL and write to PostgreSQL instead.
 */
export function startChild(script: string, args: readonly string[], env: Record<string, string>): Child {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.CHAINGATE_STORE;
  const child = spawn(process.execPath, [script, ...args], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { test: (line: string) => boolean; resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let stderr = '';
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  void exited.then((code) => {
    for (const waiter of waiters.splice(0)) waiter.reject(new Error(`child exited (${code}) before the expected line; stderr: ${stderr}`));
  });
  return {
    process: child,
    exited,
    stderr: () => stderr,
    waitForLine(test) {
      const seen = lines.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => waiters.push({ test, resolve, reject }));
    },
  };
}
