import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output, as a user in `cwd` would. */
export async function cli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), interactive: false, env };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: dir },
  });
}

/**
 * A temporary git repository whose commits copy the given fixture folders in
 * order (each commit replaces the tree), so `HEAD~1` is the first and `HEAD` the last.
 */
export function repoWithCommits(fixtureDirs: string[]): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'chaingate-repo-'));
  git(dir, 'init', '-q', '-b', 'main');
  for (const [i, fixture] of fixtureDirs.entries()) {
    git(dir, 'rm', '-rq', '--ignore-unmatch', '.');
    cpSync(fixture, dir, { recursive: true });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', `commit ${i}`);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
