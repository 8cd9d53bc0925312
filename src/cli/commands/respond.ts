import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { tierExposures } from '../../core/incident/scope.js';
import { INCIDENT_QUEUE } from '../../core/ports.js';
import { readPolicy } from '../../core/policy/read-policy.js';
import { readAdvisoryDocument } from '../../adapters/incident-advisories/advisory-document.js';
import { incidentQueries } from '../../adapters/incident-advisories/incident-queries.js';
import { appendAudit } from '../../adapters/store/audit-log.js';
import { openStoreDatabase } from '../../adapters/store/open-store.js';
import { openJobs } from '../../adapters/store/pg-boss-jobs.js';
import { storeIncidents, type IntakeOutcome, type ScopeOutcome } from '../../adapters/store/store-incidents.js';
import { storeInventory } from '../../adapters/store/store-inventory.js';
import { loadAdvisoryJson } from '../advisory-input.js';
import { renderRespondText } from '../../core/incident/render-respond.js';
import { type CliIo, ExitCode } from '../io.js';
import { formatFrom, parseCommandArgs } from '../options.js';
import { policyFileOnDisk } from '../policy-file.js';
import { storeOption, storeOptionHelp } from '../store-option.js';

export const respondHelp = `Usage: chaingate respond ADVISORY [options]

Responds to an advisory: records it as an incident in the store (one incident
per advisory and its aliases: a GHSA and its MAL- and CVE- twins are one),
scopes it from the inventory (every repository, ref and deployment holding an
affected version, with the risk tier the policy gives each), and queues its
reconciliation in the store's job queue, where a running App picks it up.
Every decision goes to the audit trail (chaingate audit).

ADVISORY is an OSV or GitHub advisory JSON file (works offline), or an
advisory ID (GHSA, CVE, MAL, ...) looked up in --advisories or in OSV.

Run again with the same record and an unchanged inventory, it changes
nothing: no audit row, no job. A newer version of the record updates the
incident; an older one is ignored; a withdrawn one withdraws it.

Options:
${storeOptionHelp}
  --policy FILE           policy whose tiers rate the exposures (default:
                          built-in default)
  --advisories DIR        offline OSV records (one JSON file per advisory)
  --offline               do not ask OSV for an advisory ID
  --osv-url URL           OSV API to ask (default: https://api.osv.dev)
  --actor NAME            who responds, for the audit trail (default:
                          cli:$USER)
  --format text|json      output format (default: text)
  -h, --help              this help

Exit codes: 0 recorded (or unchanged), 2 usage, input or store error, 3
internal error.
`;

const options = {
  ...storeOption,
  policy: { type: 'string' },
  advisories: { type: 'string' },
  offline: { type: 'boolean' },
  'osv-url': { type: 'string' },
  actor: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ACTOR = /^[A-Za-z0-9][A-Za-z0-9._@:/-]{0,99}$/;

export async function runRespond(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, options, true);
  if (values.help) {
    io.stdout(respondHelp);
    return ExitCode.ok;
  }
  const [argument] = positionals;
  if (positionals.length !== 1 || argument === undefined) throw new UsageError('BAD_ARGUMENT', 'respond takes one ADVISORY (an OSV or GitHub advisory JSON file, or an advisory ID)');
  const format = formatFrom(values.format, ['text', 'json'] as const, 'text');
  const actor = values.actor ?? `cli:${io.env.USER ?? io.env.USERNAME ?? 'unknown'}`;
  if (!ACTOR.test(actor)) throw new UsageError('BAD_ARGUMENT', `--actor ${JSON.stringify(actor.slice(0, 100))} must be 1 to 100 letters, digits or . _ @ : / -`);
  const json = await loadAdvisoryJson(argument, values, io);
  if (json === undefined) throw new UsageError('BAD_ARGUMENT', `${JSON.stringify(argument)} is neither an advisory JSON file nor an advisory ID (GHSA-…, CVE-…, MAL-…)`);
  const document = readAdvisoryDocument(json, argument);
  const { policy } = await readPolicy({ repository: values.policy === undefined ? undefined : policyFileOnDisk(resolve(io.cwd, values.policy)) });

  const db = await openStoreDatabase({ storeDir: values.store, env: io.env, cwd: io.cwd });
  try {
    const jobs = await openJobs(db);
    try {
      await jobs.prepare(INCIDENT_QUEUE);
      const queued = new Set<string>();
      const incidents = storeIncidents(db, {
        async onChange(tx, incident, context) {
          const job = await jobs.enqueueIn(tx, INCIDENT_QUEUE, { incident }, { singletonKey: incident });
          if (job) queued.add(incident);
          await appendAudit(tx, { incident, actor: context.actor, action: 'reconcile.enqueue', inputs: { queue: INCIDENT_QUEUE }, result: { job: job ?? null, waiting: job === undefined } }, context.at);
        },
      });
      const intake: IntakeOutcome = await incidents.intake(document, { actor, at: new Date() });
      const started = performance.now();
      const { exposures } = await storeInventory(db).findExposures(incidentQueries(await incidents.records(intake.incident)));
      const tookMs = Math.round((performance.now() - started) * 10) / 10;
      const incident = await incidents.get(intake.incident);
      if (!incident) throw new UsageError('NOT_FOUND', `${intake.incident} vanished from the store while responding`);
      const scope: ScopeOutcome = await incidents.recordScope(intake.incident, tierExposures(exposures, policy.tiers, incident), { actor, at: new Date(), tookMs });
      const detail = (await incidents.get(intake.incident)) ?? incident;
      const report = { record: document.facts.id, intake, scope: { ...scope, tookMs }, queued: queued.size > 0, incident: detail };
      io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderRespondText(report));
      return ExitCode.ok;
    } finally {
      await jobs.stop();
    }
  } finally {
    await db.close();
  }
}
