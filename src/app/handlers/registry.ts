import type { EventHandler } from '../check-request.js';
import { onCheckRun } from './check-run.js';
import { onCheckSuite } from './check-suite.js';
import { onDeploymentStatus } from './deployment-status.js';
import { onIssueComment } from './issue-comment.js';
import { onMergeGroup } from './merge-group.js';
import { onPullRequest } from './pull-request.js';
import { onPush } from './push.js';
import type { InventoryHandler } from '../inventory-request.js';
import type { OverrideHandler } from '../override-request.js';

/** Every event the App acts on, by `X-GitHub-Event`. A new event is one file plus one line here. */
export const eventHandlers: ReadonlyMap<string, EventHandler> = new Map<string, EventHandler>([
  ['pull_request', onPullRequest],
  ['check_suite', onCheckSuite],
  ['check_run', onCheckRun],
  ['merge_group', onMergeGroup],
]);

/** Every event that keeps the inventory current, by `X-GitHub-Event`. */
export const inventoryHandlers: ReadonlyMap<string, InventoryHandler> = new Map<string, InventoryHandler>([
  ['push', onPush],
  ['deployment_status', onDeploymentStatus],
]);

/** Every event that carries a maintainer's command, by `X-GitHub-Event`. */
export const overrideHandlers: ReadonlyMap<string, OverrideHandler> = new Map<string, OverrideHandler>([['issue_comment', onIssueComment]]);
