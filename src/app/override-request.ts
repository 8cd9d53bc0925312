import type { RepositoryRequest } from './check-request.js';
import type { OverrideCommand } from './override-command.js';

/** A `/chaingate` command written in a pull request's conversation. */
export interface OverrideRequest extends RepositoryRequest {
  readonly pullRequest: number;
  readonly commentId: number;
  /** The commenter's login; their permission is asked of GitHub, never taken from the payload. */
  readonly actor: string;
  readonly command: OverrideCommand;
}

/** Turns one event's payload into the command it carries, or `undefined` when it carries none. */
export type OverrideHandler = (payload: unknown) => OverrideRequest | undefined;
