import { type InstallationHandler, repositoriesOf } from '../repositories-change.js';

function installationId(payload: unknown): number | undefined {
  const id = (payload as { installation?: { id?: unknown } } | null)?.installation?.id;
  return typeof id === 'number' ? id : undefined;
}

/** `installation` created: backfill every repository it can see; deleted: forget them all. */
export const onInstallation: InstallationHandler = (payload) => {
  const p = payload as { action?: string; repositories?: unknown };
  const id = installationId(payload);
  if (id === undefined || (p.action !== 'created' && p.action !== 'deleted')) return undefined;
  const repositories = repositoriesOf(p.repositories);
  const change = p.action === 'created' ? { added: repositories, removed: [] } : { added: [], removed: repositories };
  return { installationId: id, ...change, reason: `installation.${p.action}` };
};

/** `installation_repositories` added / removed: backfill the added repositories, forget the removed ones. */
export const onInstallationRepositories: InstallationHandler = (payload) => {
  const p = payload as { action?: string; repositories_added?: unknown; repositories_removed?: unknown };
  const id = installationId(payload);
  if (id === undefined || (p.action !== 'added' && p.action !== 'removed')) return undefined;
  return { installationId: id, added: repositoriesOf(p.repositories_added), removed: repositoriesOf(p.repositories_removed), reason: `installation_repositories.${p.action}` };
};
