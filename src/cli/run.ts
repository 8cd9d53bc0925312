import { ConfigError, ParseError, StoreError, UsageError } from '../core/errors.js';
import { escapeTerminal } from '../core/report/escape-terminal.js';
import { type CliIo, ExitCode } from './io.js';
import { chaingateVersion } from '../adapters/version.js';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

interface CommandEntry {
  readonly summary: string;
  /** Loads the command's module only when it runs: `--version` and `--help` load none of them. */
  readonly load: () => Promise<{ readonly run: Command; readonly help: string }>;
}

const commands: ReadonlyMap<string, CommandEntry> = new Map([
  [
    'sbom',
    {
      summary: 'write a CycloneDX SBOM of a repository or lockfile',
      load: async () => {
        const { runSbom, sbomHelp } = await import('./commands/sbom.js');
        return { run: runSbom, help: sbomHelp };
      },
    },
  ],
  [
    'diff',
    {
      summary: 'compare the dependencies of two revisions or files',
      load: async () => {
        const { runDiff, diffHelp } = await import('./commands/diff.js');
        return { run: runDiff, help: diffHelp };
      },
    },
  ],
  [
    'check',
    {
      summary: 'judge the dependencies a change brings in; exit 1 when the policy blocks',
      load: async () => {
        const { runCheckCommand, checkHelp } = await import('./commands/check.js');
        return { run: runCheckCommand, help: checkHelp };
      },
    },
  ],
  [
    'inventory',
    {
      summary: 'add, list or remove repository snapshots in the store',
      load: async () => {
        const { runInventory, inventoryHelp } = await import('./commands/inventory.js');
        return { run: runInventory, help: inventoryHelp };
      },
    },
  ],
  [
    'scope',
    {
      summary: 'which repositories and deployments contain a package, range or advisory',
      load: async () => {
        const { runScope, scopeHelp } = await import('./commands/scope.js');
        return { run: runScope, help: scopeHelp };
      },
    },
  ],
]);

export const mainHelp = `Usage: chaingate <command> [options]

Commands:
${[...commands].map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`).join('\n')}
  help       show help for a command

Options:
  -h, --help       this help (or a command's, after it)
  -v, --version    print the version

Exit codes: 0 ok, 1 policy failure, 2 usage or input error, 3 internal error.
`;

/** Runs the CLI; never throws: every failure becomes a message on stderr and an exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help') {
    io.stdout(mainHelp);
    return name === undefined ? ExitCode.usageOrInput : ExitCode.ok;
  }
  if (name === '-v' || name === '--version') {
    io.stdout(`${chaingateVersion()}\n`);
    return ExitCode.ok;
  }
  try {
    if (name === 'help') {
      const topic = rest[0] === undefined ? undefined : commands.get(rest[0]);
      io.stdout(topic ? (await topic.load()).help : mainHelp);
      return ExitCode.ok;
    }
    const command = commands.get(name);
    if (!command) {
      io.stderr(`chaingate: unknown command ${JSON.stringify(escapeTerminal(name))}\n\n${mainHelp}`);
      return ExitCode.usageOrInput;
    }
    const { run } = await command.load();
    return await run(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof ParseError || error instanceof UsageError || error instanceof ConfigError || error instanceof StoreError) {
    io.stderr(`chaingate: error: ${escapeTerminal(error.message)}\n`);
    return ExitCode.usageOrInput;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr(`chaingate: internal error (please report it): ${escapeTerminal(detail).replaceAll('\\u000a', '\n')}\n`);
  return ExitCode.internal;
}
