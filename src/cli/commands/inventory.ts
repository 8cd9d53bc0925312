import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import type { RepositoryName } from '../../core/ports.js';
import { escapeTerminal } from '../../core/report/escape-terminal.js';
import { diskRepo } from '../../adapters/fs/disk-repo.js';
import { ingestSnapshot } from '../../adapters/store/ingest-snapshot.js';
import { openInventory } from '../../adapters/store/open-inventory.js';
import { excludeMatcher } from '../exclude.js';
import { type CliIo, ExitCode } from '../io.js';
import { formatFrom, inputOptions, limitsFrom, parseCommandArgs } from '../options.js';

export const inventoryHelp = `Usage: chaingate inventory add --repo-name OWNER/NAME --ref REF --sha SHA [--environment ENV] PATH
       chaingate inventory list [--format text|json]
       chaingate inventory remove --repo-name OWNER/NAME [--ref REF]

Keeps the exposure inventory: the dependencies of each repository's refs
(default branch, release tags) and what is deployed where, for
"chaingate scope".

  add      ingest PATH (a directory: every lockfile in it; or one lockfile or
           SBOM) as the snapshot of REF at commit SHA, replacing the previous
           one; unchanged files are not parsed again. --environment ENV also
           records SHA as deployed to ENV.
  list     every stored snapshot
  remove   one ref's snapshot, or the whole repository without --ref

Options:
  --store DIR             embedded store directory (default: CHAINGATE_STORE,
                          else $XDG_DATA_HOME/chaingate or ~/.local/share/chaingate);
                          DATABASE_URL selects PostgreSQL instead
  --max-file-size SIZE    refuse larger lockfiles (default: 64MB)
  --exclude GLOB          leave out lockfiles under matching paths (repeatable)
  -q, --quiet             no progress on standard error
  -h, --help              this help
`;

const options = {
  ...inputOptions,
  store: { type: 'string' },
  'repo-name': { type: 'string' },
  ref: { type: 'string' },
  sha: { type: 'string' },
  environment: { type: 'string' },
  format: { type: 'string' },
} as const;

const REPOSITORY = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;
const REF = /^[^\u0000-\u001f\u007f ~^:?*[\\]{1,255}$/;
const SHA = /^[0-9a-f]{7,64}$/i;
const ENVIRONMENT = /^[^\u0000-\u001f\u007f]{1,255}$/;

export async function runInventory(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, options, true);
  const [action, ...rest] = positionals;
  if (values.help || action === undefined) {
    io.stdout(inventoryHelp);
    return values.help ? ExitCode.ok : ExitCode.usageOrInput;
  }
  if (action !== 'add' && action !== 'list' && action !== 'remove') throw new UsageError('BAD_ARGUMENT', `unknown inventory action ${JSON.stringify(action)}: use add, list or remove`);
  if (action !== 'add' && rest.length > 0) throw new UsageError('BAD_ARGUMENT', `inventory ${action} takes no PATH`);
  const format = formatFrom(values.format, ['text', 'json'] as const, 'text');
  const repository = values['repo-name'] === undefined ? undefined : repositoryName(values['repo-name']);
  if (values.ref !== undefined && !REF.test(values.ref)) throw new UsageError('BAD_ARGUMENT', `--ref ${JSON.stringify(values.ref)} is not a branch or tag name`);

  if (action === 'add') {
    if (rest.length !== 1) throw new UsageError('BAD_ARGUMENT', 'inventory add takes one PATH (a directory, lockfile or SBOM)');
    if (!repository || values.ref === undefined || values.sha === undefined) throw new UsageError('BAD_ARGUMENT', 'inventory add needs --repo-name OWNER/NAME, --ref REF and --sha SHA');
    if (!SHA.test(values.sha)) throw new UsageError('BAD_ARGUMENT', `--sha ${JSON.stringify(values.sha)} is not a commit SHA (hexadecimal)`);
    if (values.environment !== undefined && !ENVIRONMENT.test(values.environment)) throw new UsageError('BAD_ARGUMENT', '--environment must be 1 to 255 printable characters');
  }
  if (action === 'remove' && !repository) throw new UsageError('BAD_ARGUMENT', 'inventory remove needs --repo-name OWNER/NAME');

  const { inventory, close } = await openInventory({ storeDir: values.store, env: io.env, cwd: io.cwd });
  try {
    if (action === 'add' && repository && values.ref !== undefined && values.sha !== undefined) {
      const input = resolve(io.cwd, rest[0] ?? '.');
      const info = await stat(input).catch(() => undefined);
      if (!info) throw new UsageError('NOT_FOUND', `${rest[0] ?? '.'} does not exist`);
      const single = info.isFile();
      const result = await ingestSnapshot(inventory, {
        repository,
        ref: values.ref,
        sha: values.sha.toLowerCase(),
        files: diskRepo(single ? dirname(input) : input),
        only: single ? basename(input) : undefined,
        environment: values.environment,
        limits: limitsFrom(values['max-file-size']),
        now: new Date(),
        exclude: excludeMatcher(values.exclude),
      });
      if (!values.quiet) {
        const what = result.outcome === 'written' ? `stored ${result.components} components from ${result.lockfiles.length} file${result.lockfiles.length === 1 ? '' : 's'}` : result.outcome === 'moved' ? 'dependency files unchanged: moved the snapshot to the new commit' : 'unchanged: nothing to do';
        io.stderr(`chaingate: ${escapeTerminal(`${repository.owner}/${repository.name}`)} ${escapeTerminal(values.ref)}: ${what}\n`);
      }
      return ExitCode.ok;
    }
    if (action === 'remove' && repository) {
      const removed = await inventory.remove(repository, values.ref);
      if (!values.quiet) io.stderr(`chaingate: removed ${removed} snapshot${removed === 1 ? '' : 's'}\n`);
      return ExitCode.ok;
    }
    const snapshots = await inventory.list();
    if (format === 'json') {
      io.stdout(`${JSON.stringify(snapshots.map((s) => ({ ...s, scannedAt: s.scannedAt.toISOString() })), null, 2)}\n`);
    } else {
      for (const s of snapshots) {
        io.stdout(escapeTerminal(`${s.repository}  ${s.ref}  ${s.sha.slice(0, 12)}  ${s.components} components  scanned ${s.scannedAt.toISOString()}${s.environments.length > 0 ? `  deployed: ${s.environments.join(', ')}` : ''}`) + '\n');
      }
      if (snapshots.length === 0) io.stdout('the inventory is empty (add a repository with chaingate inventory add)\n');
    }
    return ExitCode.ok;
  } finally {
    await close();
  }
}

function repositoryName(text: string): RepositoryName {
  const match = REPOSITORY.exec(text);
  if (!match?.[1] || !match[2]) throw new UsageError('BAD_ARGUMENT', `--repo-name ${JSON.stringify(text)} is not OWNER/NAME`);
  return { owner: match[1], name: match[2] };
}
