import type { ApprovalHandler } from '../approve-command.js';
import type { EventHandler } from '../check-request.js';
import { onCheckRun } from './check-run.js';
import { onCheckSuite } from './check-suite.js';
import { onDeploymentProtectionRule } from './deployment-protection-rule.js';
import { onDeploymentStatus } from './deployment-status.js';
import { onIncidentComment } from './incident-comment.js';
import { onIssueComment } from './issue-comment.js';
import { onMergeGroup } from './merge-group.js';
import { onPullRequest } from './pull-request.js';
import { onPush } from './push.js';
import type { GateHandler } from '../deployment-gate-request.js';
import type { InventoryHandler } from '../inventory-request.js';
import type { OverrideHandler } from '../override-request.js';
import type { ReleaseHandler } from '../release-request.js';
import type { InstallationHandler } from '../repositories-change.js';
import { onInstallation, onInstallationRepositories } from './installation.js';
import { onRelease } from './release.js';

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

/** Every event that asks chaingate to approve or reject a deployment (its custom deployment protection rule). */
export const gateHandlers: ReadonlyMap<string, GateHandler> = new Map<string, GateHandler>([['deployment_protection_rule', onDeploymentProtectionRule]]);

/** Every event that carries an approval command for an incident issue (`/chaingate approve`). */
export const approvalHandlers: ReadonlyMap<string, ApprovalHandler> = new Map<string, ApprovalHandler>([['issue_comment', onIncidentComment]]);

/** Every event that carries a maintainer's command, by `X-GitHub-Event`. */
export const overrideHandlers: ReadonlyMap<string, OverrideHandler> = new Map<string, OverrideHandler>([['issue_comment', onIssueComment]]);
/** Events about releases: SBOM, provenance and diff in the `chaingate/release` check, and the tag's inventory snapshot. */
export const releaseHandlers: ReadonlyMap<string, ReleaseHandler> = new Map<string, ReleaseHandler>([['release', onRelease]]);

/** Events that change which repositories the App sees: backfill the added ones into the inventory, forget the removed ones. */
export const installationHandlers: ReadonlyMap<string, InstallationHandler> = new Map<string, InstallationHandler>([
  ['installation', onInstallation],
  ['installation_repositories', onInstallationRepositories],
]);
