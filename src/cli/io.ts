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
