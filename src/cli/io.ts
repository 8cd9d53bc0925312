import type { DependencyGraph } from '../core/model.js';
import type { ProgressListener } from '../core/ports.js';
import { escapeTerminal } from '../core/report/escape-terminal.js';

/** What a CLI command may touch of its process; tests hand in their own. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether progress lines should be printed (stderr is a terminal and not --quiet). */
  readonly interactive: boolean;
  /** Environment variables the command may read (tokens, cache location). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes, documented in README.md. */
export const ExitCode = {
  ok: 0,
  policyFailure: 1,
  usageOrInput: 2,
  internal: 3,
} as const;

/** Progress lines on standard error, when the command is interactive. */
export function progressTo(io: CliIo): ProgressListener {
  return (event) => {
    // Warnings are printed even when quiet: they say what the verdict did not see.
    if (event.kind === 'warning') {
      io.stderr(`chaingate: warning: ${escapeTerminal(event.message)}\n`);
      return;
    }
    if (!io.interactive) return;
    if (event.kind === 'lockfile') io.stderr(`chaingate: reading ${escapeTerminal(event.path)} (${event.index + 1}/${event.total}) from ${escapeTerminal(event.tree)}\n`);
    else io.stderr(`chaingate: indexing advisories in ${escapeTerminal(event.path)}\n`);
  };
}

/**
 * Every gap the lockfiles leave (a dependency with no entry, a manifest
 * dependency missing from the lock), one line each on standard error, even
 * with --quiet: the graph was read without them.
 */
export function printGraphWarnings(io: CliIo, graphs: readonly DependencyGraph[]): void {
  for (const graph of graphs) {
    for (const w of graph.warnings) {
      io.stderr(`chaingate: warning: ${escapeTerminal(graph.path)}: ${escapeTerminal(w.from)} → ${escapeTerminal(w.reference)}: ${escapeTerminal(w.message)}\n`);
    }
  }
}
