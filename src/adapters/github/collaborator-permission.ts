import { PERMISSIONS, type RepositoryPermission } from '../../core/response/approval-decision.js';
import type { GitHubRequester, RepoRef } from './requester.js';
import { statusOf } from './requester.js';

/** Roles that may change the repository's code, and so may waive its gate. */
const WRITERS = new Set(['admin', 'maintain', 'write']);

/**
 * The user's role on the repository when it lets them write (admin,
 * maintain or write), as GitHub answers it now: never a payload's
 * `author_association`, which says nothing about permission.
 * @returns undefined for read, triage, none, or a user who is no collaborator
 */
export async function writeRoleOf(client: GitHubRequester, repository: RepoRef, username: string): Promise<string | undefined> {
  let data: { permission?: string; role_name?: string };
  try {
    ({ data } = await client.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { ...repository, username }));
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
  // `permission` folds maintain into write; `role_name` names it (and custom roles, which only count through `permission`).
  if (data.role_name !== undefined && WRITERS.has(data.role_name)) return data.role_name;
  return data.permission === 'admin' || data.permission === 'write' ? data.permission : undefined;
}

/**
 * A user's permission on the repository as a level (`none` … `admin`), from
 * the API, for rules with any threshold (incident approvals).
 * @returns `none` for someone who is no collaborator
 */
export async function repositoryPermission(client: GitHubRequester, repository: RepoRef, username: string): Promise<RepositoryPermission> {
  try {
    const { data } = await client.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { ...repository, username });
    // role_name says maintain and triage, which the legacy `permission` field folds into write and read.
    const role = (PERMISSIONS as readonly string[]).includes(data.role_name) ? data.role_name : data.permission;
    return (PERMISSIONS as readonly string[]).includes(role) ? (role as RepositoryPermission) : 'none';
  } catch (error) {
    if (statusOf(error) === 404) return 'none';
    throw error;
  }
}
