/** How CODEOWNERS owners hear of an incident issue: assigned (users; teams are mentioned), mentioned, or neither. */
export type OwnersMode = 'assign' | 'mention' | 'none';

const USER = /^@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})$/u;
const TEAM = /^@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})\/([A-Za-z0-9._-]{1,100})$/u;
/** GitHub assigns at most this many users to an issue. */
const MAX_ASSIGNEES = 10;
const MAX_MENTIONS = 20;

export interface OwnerNotice {
  readonly assignees: readonly string[];
  /** `@user` / `@org/team` handles to write in the body; only well-formed ones (CODEOWNERS is repository content). */
  readonly mentions: readonly string[];
}

/** Splits CODEOWNERS owners into assignees and mentions; e-mail owners and malformed handles are dropped. */
export function ownerNotice(owners: readonly string[], mode: OwnersMode): OwnerNotice {
  if (mode === 'none') return { assignees: [], mentions: [] };
  const unique = [...new Set(owners)].sort();
  const users = unique.filter((o) => USER.test(o));
  const teams = unique.filter((o) => TEAM.test(o));
  if (mode === 'mention') return { assignees: [], mentions: [...users, ...teams].slice(0, MAX_MENTIONS) };
  return { assignees: users.slice(0, MAX_ASSIGNEES).map((u) => u.slice(1)), mentions: teams.slice(0, MAX_MENTIONS) };
}
