import { UsageError } from '../../core/errors.js';
import { renderIncidentJson, renderIncidentsJson, renderIncidentsText, renderIncidentText } from '../../core/incident/render-incidents.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../core/incident/types.js';
import { openStoreDatabase } from '../../adapters/store/open-store.js';
import { storeIncidents } from '../../adapters/store/store-incidents.js';
import { type CliIo, ExitCode } from '../io.js';
import { formatFrom, parseCommandArgs } from '../options.js';
import { storeOption, storeOptionHelp } from '../store-option.js';

export const incidentsHelp = `Usage: chaingate incidents list [--status STATUS] [--format text|json]
       chaingate incidents show ID [--format text|json]

The incidents in the store (see chaingate respond).

  list     every incident: id, status, kind, advisory ids, title
  show ID  one incident (INC-<n>, or any of its advisory ids or aliases):
           its timeline (published, received, scoped, contained, verified,
           remediated, closed), metrics (time to detect, scope, contain,
           remediate, close) and exposures with their tiers

Options:
${storeOptionHelp}
  --status STATUS         list only these (repeatable): ${INCIDENT_STATUSES.join(', ')}
  --format text|json      output format (default: text)
  -h, --help              this help

Exit codes: 0 shown, 2 usage or store error (an unknown ID), 3 internal error.
`;

const options = {
  ...storeOption,
  status: { type: 'string', multiple: true },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runIncidents(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, options, true);
  const [action, ...rest] = positionals;
  if (values.help || action === undefined) {
    io.stdout(incidentsHelp);
    return values.help ? ExitCode.ok : ExitCode.usageOrInput;
  }
  if (action !== 'list' && action !== 'show') throw new UsageError('BAD_ARGUMENT', `unknown incidents action ${JSON.stringify(action)}: use list or show`);
  if (action === 'list' && rest.length > 0) throw new UsageError('BAD_ARGUMENT', 'incidents list takes no ID (use incidents show ID)');
  if (action === 'show' && (rest.length !== 1 || rest[0] === undefined)) throw new UsageError('BAD_ARGUMENT', 'incidents show takes one ID (INC-<n> or an advisory id)');
  if (action === 'show' && values.status !== undefined) throw new UsageError('BAD_ARGUMENT', '--status is for incidents list');
  const status = values.status?.map((s) => {
    if (!(INCIDENT_STATUSES as readonly string[]).includes(s)) throw new UsageError('BAD_ARGUMENT', `--status ${JSON.stringify(s)} is not one of ${INCIDENT_STATUSES.join(', ')}`);
    return s as IncidentStatus;
  });
  const format = formatFrom(values.format, ['text', 'json'] as const, 'text');

  const db = await openStoreDatabase({ storeDir: values.store, env: io.env, cwd: io.cwd });
  try {
    const incidents = storeIncidents(db);
    if (action === 'list') {
      const list = await incidents.list({ status });
      io.stdout(format === 'json' ? renderIncidentsJson(list) : renderIncidentsText(list));
      return ExitCode.ok;
    }
    const id = rest[0]!;
    if (id.length > 120) throw new UsageError('BAD_ARGUMENT', 'an incident or advisory id is at most 120 characters');
    const incident = await incidents.get(id);
    if (!incident) throw new UsageError('NOT_FOUND', `no incident ${JSON.stringify(id)} in the store (ids are INC-<n>, or any advisory id or alias of one)`);
    io.stdout(format === 'json' ? renderIncidentJson(incident) : renderIncidentText(incident));
    return ExitCode.ok;
  } finally {
    await db.close();
  }
}
