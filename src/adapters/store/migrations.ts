import { StoreError } from '../../core/errors.js';
import type { SqlDatabase } from './sql.js';

/** One schema change. Never edit a released migration: add the next one. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration in order; the store's schema version is the last one applied. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'inventory',
    sql: `
      create table repositories (
        id integer generated always as identity primary key,
        owner text not null,
        name text not null,
        criticality text,
        data_sensitivity text,
        owners jsonb not null default '[]',
        unique (owner, name)
      );
      create table snapshots (
        id integer generated always as identity primary key,
        repository_id integer not null references repositories (id) on delete cascade,
        ref text not null,
        sha text not null,
        scanned_at timestamptz not null,
        content_hash text not null,
        unique (repository_id, ref)
      );
      create table components (
        snapshot_id integer not null references snapshots (id) on delete cascade,
        ecosystem text not null,
        name text not null,
        version text not null,
        purl text not null,
        direct boolean not null,
        dev boolean not null,
        workspaces jsonb not null,
        path jsonb not null,
        lockfile text not null
      );
      create index components_by_package on components (ecosystem, name, version);
      create index components_by_snapshot on components (snapshot_id);
    `,
  },
  {
    version: 2,
    name: 'deployments and deliveries',
    sql: `
      create table deployments (
        repository_id integer not null references repositories (id) on delete cascade,
        environment text not null,
        sha text not null,
        deployed_at timestamptz not null,
        primary key (repository_id, environment)
      );
      create table deliveries (
        id text primary key,
        event text not null,
        payload jsonb not null,
        received_at timestamptz not null,
        finished_at timestamptz,
        ok boolean,
        error text
      );
    `,
  },
  {
    version: 3,
    name: 'packages shared across snapshots',
    // A snapshot's rows reference each (ecosystem, name, version, purl) once stored for all
    // repositories: narrower rows and integer indexes make ingest and scope cheaper. Workspaces
    // and path stay JSON arrays, stored as text: only chaingate reads them, whole. Packages
    // are never deleted, so components carry no foreign key to them (no check per inserted row).
    sql: `
      create table packages (
        id integer generated always as identity primary key,
        ecosystem text not null,
        name text not null,
        version text not null,
        purl text not null,
        unique (ecosystem, name, version, purl)
      );
      insert into packages (ecosystem, name, version, purl)
        select distinct ecosystem, name, version, purl from components order by ecosystem, name, version, purl;
      alter table components add column package_id integer;
      update components c set package_id = p.id from packages p
        where p.ecosystem = c.ecosystem and p.name = c.name and p.version = c.version and p.purl = c.purl;
      alter table components alter column package_id set not null;
      drop index components_by_package;
      alter table components drop column ecosystem, drop column name, drop column version, drop column purl,
        alter column workspaces type text using workspaces::text, alter column path type text using path::text;
      create index components_by_package on components (package_id, snapshot_id);
    `,
  },
  {
    version: 4,
    name: 'pull request overrides and check runs',
    // pr_overrides is the audit record of `/chaingate allow` comments, granted or refused: one row per comment.
    // check_runs remembers the run created per head commit, so judging it again needs no search request.
    sql: `
      create table pr_overrides (
        id integer generated always as identity primary key,
        repository text not null,
        pull_request integer not null,
        comment_id bigint not null,
        package_name text not null,
        version text not null,
        actor text not null,
        decision text not null check (decision in ('allowed', 'refused')),
        reason text not null,
        recorded_at timestamptz not null,
        unique (repository, comment_id)
      );
      create index pr_overrides_by_pull_request on pr_overrides (repository, pull_request);
      create table check_runs (
        repository text not null,
        head_sha text not null,
        run_id bigint,
        primary key (repository, head_sha)
      );
    `,
  },
  {
    version: 5,
    name: 'incidents and audit trail',
    // Incidents answer to every id and alias of their advisory records (incident_aliases, upper-cased,
    // one incident per alias). The audit log is append-only: a trigger refuses updates and deletes,
    // and the hash chain (checked by `chaingate audit verify`) shows what an owner of the database
    // changed behind the trigger's back.
    sql: `
      create table incidents (
        id integer generated always as identity primary key,
        status text not null,
        title text not null,
        severity text not null,
        malware boolean not null,
        affected text not null,
        modified text,
        published_at timestamptz,
        received_at timestamptz not null,
        scoped_at timestamptz,
        contained_at timestamptz,
        verified_at timestamptz,
        remediated_at timestamptz,
        closed_at timestamptz,
        withdrawn_at timestamptz,
        merged_into integer references incidents (id),
        updated_at timestamptz not null
      );
      create index incidents_by_status on incidents (status);
      create table incident_records (
        id text primary key,
        incident_id integer not null references incidents (id),
        format text not null,
        modified text,
        digest text not null,
        facts jsonb not null,
        record jsonb not null,
        received_at timestamptz not null
      );
      create index incident_records_by_incident on incident_records (incident_id);
      create table incident_aliases (
        alias text primary key,
        incident_id integer not null references incidents (id)
      );
      create index incident_aliases_by_incident on incident_aliases (incident_id);
      create table incident_exposures (
        incident_id integer not null references incidents (id),
        repository text not null,
        ref text not null,
        sha text not null,
        environments text not null,
        ecosystem text not null,
        name text not null,
        version text not null,
        direct boolean not null,
        dev boolean not null,
        path text not null,
        lockfile text not null,
        tier smallint not null
      );
      create index incident_exposures_by_incident on incident_exposures (incident_id);
      create table audit_log (
        seq bigint primary key,
        at timestamptz not null,
        incident text,
        actor text not null,
        action text not null,
        inputs jsonb not null,
        result jsonb not null,
        prev_hash text not null,
        hash text not null
      );
      create function audit_log_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'audit_log is append-only';
        end;
      $$;
      create trigger audit_log_append_only before update or delete on audit_log
        for each row execute function audit_log_append_only();
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * Brings the schema up to date: each pending migration in its own
 * transaction, recorded in `chaingate_migrations`, so a crash leaves the
 * database at the last whole version. Concurrent starters (App replicas)
 * serialise on an advisory lock.
 * @throws {StoreError} NEWER_VERSION when the database was written by a newer chaingate.
 */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  await db.query(`create table if not exists chaingate_migrations (
    version integer primary key, name text not null, applied_at timestamptz not null default now())`);
  const latest = migrations.at(-1)?.version ?? 0;
  for (const migration of migrations) {
    await db.transaction(async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(hashtext('chaingate_migrations'))`);
      const [row] = await tx.query<{ version: number | null }>('select max(version) as version from chaingate_migrations');
      const current = row?.version ?? 0;
      if (current > latest) {
        throw new StoreError('NEWER_VERSION', db.location, `was written by a newer chaingate (schema version ${current}; this chaingate knows up to ${latest}): upgrade chaingate, or use another store`);
      }
      if (current >= migration.version) return;
      await tx.script(migration.sql);
      await tx.query('insert into chaingate_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
    });
  }
  const [row] = await db.query<{ version: number | null }>('select max(version) as version from chaingate_migrations');
  return row?.version ?? 0;
}

