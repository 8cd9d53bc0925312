import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { writeOutput } from '../../adapters/fs/write-output.js';
import { auditJsonLine, readAudit, verifyAudit } from '../../adapters/store/audit-log.js';
import { openStoreDatabase } from '../../adapters/store/open-store.js';
import { type CliIo, ExitCode } from '../io.js';
import { formatFrom, parseCommandArgs } from '../options.js';
import { storeOption, storeOptionHelp } from '../store-option.js';

export const auditHelp = `Usage: chaingate audit verify [--head SEQ:HASH] [--format text|json]
       chaingate audit export [--output FILE]

The audit trail: every decision chaingate takes on an incident (created,
updated, merged, scoped, status changes, reconciliation queued), with its
actor, inputs and result, in an append-only log where each row carries the
SHA-256 of its content and of the row before it.

  verify   walk the chain; exit 1 naming the first broken link (an edited
           row, a deleted row, a rewritten hash) and what differs
  export   every row as JSON lines (seq, at, incident, actor, action,
           inputs, result, prevHash, hash)

Keep the head (last seq and hash) that verify prints somewhere else: rows cut
off the end of the chain can only be noticed against it (--head).

Options:
${storeOptionHelp}
  --head SEQ:HASH         verify: the chain must still hold this row (a head
                          printed by an earlier verify) unchanged
  --format text|json      verify's output (default: text)
  -o, --output FILE       export to FILE instead of standard output
  -h, --help              this help

Exit codes: 0 the chain holds (or exported), 1 the chain is broken, 2 usage
or store error, 3 internal error.
`;

const options = {
  ...storeOption,
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  head: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runAudit(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, options, true);
  const [action, ...rest] = positionals;
  if (values.help || action === undefined) {
    io.stdout(auditHelp);
    return values.help ? ExitCode.ok : ExitCode.usageOrInput;
  }
  if (action !== 'verify' && action !== 'export') throw new UsageError('BAD_ARGUMENT', `unknown audit action ${JSON.stringify(action)}: use verify or export`);
  if (rest.length > 0) throw new UsageError('BAD_ARGUMENT', `audit ${action} takes no further arguments`);
  if (action === 'verify' && values.output !== undefined) throw new UsageError('BAD_ARGUMENT', '--output is for audit export');
  const format = formatFrom(values.format, ['text', 'json'] as const, 'text');
  const head = values.head === undefined ? undefined : keptHead(values.head);
  if (action === 'export' && head) throw new UsageError('BAD_ARGUMENT', '--head is for audit verify');

  const db = await openStoreDatabase({ storeDir: values.store, env: io.env, cwd: io.cwd });
  try {
    if (action === 'export') {
      const lines: string[] = [];
      for await (const row of readAudit(db)) lines.push(auditJsonLine(row));
      if (values.output !== undefined) await writeOutput(resolve(io.cwd, values.output), lines.join(''));
      else io.stdout(lines.join(''));
      return ExitCode.ok;
    }
    const result = await verifyAudit(db, head);
    if (format === 'json') {
      io.stdout(`${JSON.stringify({ ok: result.broken === undefined, rows: result.rows, head: result.head ?? null, broken: result.broken ?? null }, null, 2)}\n`);
    } else if (result.broken) {
      io.stdout(`audit chain broken at row ${result.broken.seq}: ${result.broken.reason}\n(${result.rows} rows read; the chain holds up to ${result.head ? `row ${result.head.seq}` : 'no row'})\n`);
    } else {
      io.stdout(result.head ? `audit chain holds: ${result.rows} rows, head ${result.head.seq}:${result.head.hash}\n` : 'audit chain holds: no rows yet\n');
    }
    return result.broken ? ExitCode.policyFailure : ExitCode.ok;
  } finally {
    await db.close();
  }
}

function keptHead(text: string): { seq: number; hash: string } {
  const match = /^([1-9][0-9]{0,14}):([0-9a-f]{64})$/.exec(text.trim());
  if (!match) throw new UsageError('BAD_ARGUMENT', `--head ${JSON.stringify(text.slice(0, 100))} is not SEQ:HASH (a row number and its 64-digit hex SHA-256, as audit verify prints them)`);
  return { seq: Number(match[1]), hash: match[2]! };
}
