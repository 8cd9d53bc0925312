/** A repository an installation gained or lost. */
export interface InstalledRepository {
  readonly owner: string;
  readonly repo: string;
}

/** Repositories an `installation` or `installation_repositories` event added to or removed from what the App can see. */
export interface RepositoriesChange {
  readonly installationId: number;
  readonly added: readonly InstalledRepository[];
  readonly removed: readonly InstalledRepository[];
  /** For logs: which event asked. */
  readonly reason: string;
}

/** Turns one event's payload into the repositories it adds or removes, or `undefined` for none. */
export type InstallationHandler = (payload: unknown) => RepositoriesChange | undefined;

/** GitHub caps a repository name at 100 characters and an owner at 39; anything else in a payload is refused. */
const FULL_NAME = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/u;

/** The `owner/name` repositories of a payload list, skipping entries that are not well-formed. */
export function repositoriesOf(list: unknown): InstalledRepository[] {
  if (!Array.isArray(list)) return [];
  const out: InstalledRepository[] = [];
  for (const entry of list as { full_name?: unknown }[]) {
    const match = typeof entry?.full_name === 'string' ? FULL_NAME.exec(entry.full_name) : null;
    if (match) out.push({ owner: match[1]!, repo: match[2]! });
  }
  return out;
}
