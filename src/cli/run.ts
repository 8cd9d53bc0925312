import { ConfigError, ParseError, UsageError } from '../core/errors.js';
import { escapeTerminal } from '../core/report/escape-terminal.js';
import { checkHelp, runCheckCommand } from './commands/check.js';
import { diffHelp, runDiff } from './commands/diff.js';
import { fixHelp, runFix } from './commands/fix.js';
import { runSbom, sbomHelp } from './commands/sbom.js';
import { type CliIo, ExitCode } from './io.js';
import { chaingateVersion } from '../shell/version.js';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const commands: ReadonlyMap<string, { run: Command; help: string; summary: string }> = new Map([
  ['sbom', { run: runSbom, help: sbomHelp, summary: 'write a CycloneDX SBOM of a repository or lockfile' }],
  ['diff', { run: runDiff, help: diffHelp, summary: 'compare the dependencies of two revisions or files' }],
  ['check', { run: runCheckCommand, help: checkHelp, summary: 'judge the dependencies a change brings in; exit 1 when the policy blocks' }],
  ['fix', { run: runFix, help: fixHelp, summary: 'plan and apply the fix for an advisory: patch or revert, lockfile by npm' }],
]);

export const mainHelp = `Usage: chaingate <command> [options]

Commands:
${[...commands].map(([name, c]) => `  ${name.padEnd(8)}${c.summary}`).join('\n')}
  help     show help for a command

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
  if (name === 'help') {
    const topic = rest[0] === undefined ? undefined : commands.get(rest[0]);
    io.stdout(topic?.help ?? mainHelp);
    return ExitCode.ok;
  }
  const command = commands.get(name);
  if (!command) {
    io.stderr(`chaingate: unknown command ${JSON.stringify(escapeTerminal(name))}\n\n${mainHelp}`);
    return ExitCode.usageOrInput;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof ParseError || error instanceof UsageError || error instanceof ConfigError) {
    io.stderr(`chaingate: error: ${escapeTerminal(error.message)}\n`);
    return ExitCode.usageOrInput;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr(`chaingate: internal error (please report it): ${escapeTerminal(detail).replaceAll('\\u000a', '\n')}\n`);
  return ExitCode.internal;
}
