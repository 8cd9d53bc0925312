import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalRecord, IncidentApprovals } from '../../src/app/incident-approvals.js';
import { DEFAULT_APPROVAL_RULES } from '../../src/core/response/approval-decision.js';
import { APP_BOT } from '../helpers/fake-issues.js';
import { FULL_NAME, type Harness, startHarness } from './app-harness.js';
import { approvalPayload } from './approval-payload.js';

const records: ApprovalRecord[] = [];
const approvals: IncidentApprovals = {
  context: async (incident) => (incident === 'MAL-2025-46974' ? { status: 'open', tier: 1, awaiting: ['remediation-prs'], rules: DEFAULT_APPROVAL_RULES } : undefined),
  record: async (entry) => void records.push(entry),
};

describe('/chaingate approve in an incident issue', () => {
  let h: Harness;
  let issue: number;
  beforeAll(async () => {
    h = await startHarness({ approvals });
    issue = h.api.issues.seedIssue(FULL_NAME, { title: 'incident', body: '<!-- chaingate:incident:MAL-2025-46974 -->', author: APP_BOT, labels: ['chaingate'] }).number;
    h.api.issues.setPermission(FULL_NAME, 'alice', 'write');
    h.api.issues.setPermission(FULL_NAME, 'bob', 'admin');
    h.api.issues.setPermission(FULL_NAME, 'mallory', 'read');
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const replies = () => h.api.issues.issues(FULL_NAME).find((i) => i.number === issue)!.comments.map((c) => c.body);
  async function replyTo(commentId: number): Promise<string> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = replies().find((b) => b.includes(`<!-- chaingate:approval-reply:${commentId} -->`));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no reply to ${commentId}: ${JSON.stringify(replies())}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const command = (body: string, login: string, commentId: number) => h.deliver('issue_comment', approvalPayload(body, { login, commentId, issueNumber: issue }));

  it('refuses a user without the permission (checked through the API, not the payload), once, and records it', async () => {
    await command('/chaingate approve MAL-2025-46974 override-deployments', 'mallory', 601);
    expect(await replyTo(601)).toContain('Refused: approving needs write permission on this repository; mallory has read');
    // Redelivered twice more: still one reply.
    await command('/chaingate approve MAL-2025-46974 override-deployments', 'mallory', 601);
    await command('/chaingate approve MAL-2025-46974 override-deployments', 'mallory', 601);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(replies().filter((b) => b.includes('approval-reply:601'))).toHaveLength(1);
    expect(records.find((r) => r.commentId === 601)).toMatchObject({ approver: 'mallory', decision: { outcome: 'refused' } });
    const permissionLookups = h.api.requests.filter((r) => r.operationId === 'repos/get-collaborator-permission-level' && r.path.endsWith('/mallory/permission'));
    expect(permissionLookups).toHaveLength(1);
  });

  it('needs two different approvers for a tier-1 bypass: the same approver twice is not enough', async () => {
    await command('/chaingate approve MAL-2025-46974 override-deployments', 'alice', 602);
    expect(await replyTo(602)).toContain('counted: 1 more approval(s) from different people needed');
    await command('/chaingate approve MAL-2025-46974 override-deployments', 'alice', 603);
    expect(await replyTo(603)).toContain('already approved');
    await command('/chaingate approve MAL-2025-46974 override-deployments', 'bob', 604);
    expect(await replyTo(604)).toContain('Approved: `override-deployments` for `MAL-2025-46974` by `alice`, `bob`');
    expect(records.find((r) => r.commentId === 604)?.decision).toEqual({ outcome: 'granted', approvers: ['alice', 'bob'] });
    h.api.assertValid();
  });

  it('answers a malformed command with the usage, and a command naming another incident', async () => {
    await command('/chaingate approve', 'alice', 605);
    expect(await replyTo(605)).toContain('Refused: usage&#58; /chaingate approve &#60;incident&#62; &#60;action&#62;');
    await command('/chaingate approve GHSA-aaaa-bbbb-cccc remediation-prs', 'alice', 606);
    expect(await replyTo(606)).toContain('this issue is about MAL-2025-46974, not GHSA-aaaa-bbbb-cccc');
  });
});
