/** The repository a webhook is about, and which event asked (for logs): what every request of the App carries. */
export interface RepositoryRequest {
  readonly installationId: number;
  readonly owner: string;
  readonly repo: string;
  /** For logs: which event asked. */
  readonly reason: string;
}

/** What a webhook asks chaingate to judge: one head commit against its base, in one repository. */
export interface CheckRequest extends RepositoryRequest {
  readonly headSha: string;
  /** The commit the change is judged against (PR base, merge group base); its policy is the one applied. */
  readonly baseSha: string;
  /** A run named by the event (re-run requests) is updated instead of looked up. */
  readonly checkRunId?: number | undefined;
  /** The pull request judged, when the event names one: its maintainer overrides apply. */
  readonly pullRequest?: number | undefined;
}

/** Turns one event's payload into the check it asks for, or `undefined` when it asks for none. */
export type EventHandler = (payload: unknown) => CheckRequest | undefined;

const SHA = /^[0-9a-f]{40}$/u;

/** Reads the fields every event shares, refusing a payload without them (it is untrusted input too). */
export function repositoryOf(payload: unknown): Omit<RepositoryRequest, 'reason'> | undefined {
  const p = payload as { installation?: { id?: unknown }; repository?: { name?: unknown; owner?: { login?: unknown } } } | null;
  const installationId = p?.installation?.id;
  const owner = p?.repository?.owner?.login;
  const repo = p?.repository?.name;
  if (typeof installationId !== 'number' || typeof owner !== 'string' || typeof repo !== 'string') return undefined;
  return { installationId, owner, repo };
}

/** A pull request number, or `undefined`. */
export function pullRequestNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** A full commit SHA, or `undefined`. */
export function sha(value: unknown): string | undefined {
  return typeof value === 'string' && SHA.test(value) ? value : undefined;
}
