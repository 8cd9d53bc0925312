import { githubIncidentIssues, type IncidentIssues } from '../adapters/github/incident-issues.js';
import type { GitHubRequester } from '../adapters/github/index.js';
import { type Clock, Pacer } from '../adapters/github/pacer.js';
import { CHAINGATE_LABEL } from '../core/response/desired-issue.js';

export interface IncidentIssueWritersOptions {
  readonly clientFor: (installationId: number) => Promise<GitHubRequester>;
  /** The App's installation on `owner/name` (the inventory learns it from webhooks); `undefined` when not installed there. */
  readonly installationOf: (repository: string) => Promise<number | undefined>;
  /** The App's bot login (`<slug>[bot]`): only its issues count as chaingate's. Any bot when absent. */
  readonly botLogin?: string | undefined;
  readonly clock?: Clock;
  readonly onPause?: (retryAfterSeconds: number) => void;
}

/**
 * The `issuesFor` the incident reconciler takes, for the App: each
 * installation gets its own client and one pacer for the life of the
 * process, since GitHub counts the secondary limits per installation.
 * @throws Error for a repository the App is not installed on (that repository is reported, the others go on).
 */
export function incidentIssueWriters(options: IncidentIssueWritersOptions): (repository: string) => Promise<IncidentIssues> {
  const pacers = new Map<number, Pacer>();
  return async (repository) => {
    const installationId = await options.installationOf(repository);
    if (installationId === undefined) throw new Error(`chaingate is not installed on ${repository}`);
    let pacer = pacers.get(installationId);
    if (!pacer) {
      pacer = new Pacer({ clock: options.clock, onPause: options.onPause });
      pacers.set(installationId, pacer);
    }
    const bot = options.botLogin;
    return githubIncidentIssues(await options.clientFor(installationId), pacer, {
      label: CHAINGATE_LABEL,
      ...(bot ? { isChaingate: (author: { readonly login: string; readonly type: string }) => author.type === 'Bot' && author.login === bot } : {}),
    });
  };
}
