import { describe, expect, it } from 'vitest';
import { parseApproveCommand } from '../../src/app/approve-command.js';
import { onIncidentComment } from '../../src/app/handlers/incident-comment.js';
import { approvalPayload } from './approval-payload.js';

describe('parseApproveCommand', () => {
  it('reads the incident and the action from the first line', () => {
    expect(parseApproveCommand('/chaingate approve MAL-2025-46974 override-deployments\nthanks')).toEqual({ ok: true, incident: 'MAL-2025-46974', action: 'override-deployments' });
    expect(parseApproveCommand('looks good\n/chaingate approve X issue')).toBeUndefined();
    expect(parseApproveCommand('/chaingate allow debug')).toBeUndefined();
  });

  it('explains a malformed command instead of guessing', () => {
    expect(parseApproveCommand('/chaingate approve')).toMatchObject({ ok: false, reason: expect.stringContaining('usage: /chaingate approve <incident> <action>') });
    expect(parseApproveCommand('/chaingate approve MAL-1 deploy-everything')).toMatchObject({ ok: false, reason: expect.stringContaining('unknown action') });
    expect(parseApproveCommand('/chaingate approve <script> issue')).toEqual({ ok: false, reason: 'the incident is not an advisory id' });
  });
});

describe('onIncidentComment', () => {
  it('takes a command on an incident issue chaingate wrote', () => {
    expect(onIncidentComment(approvalPayload('/chaingate approve MAL-2025-46974 remediation-prs'))).toMatchObject({
      owner: 'octo-org', repo: 'shop', issueNumber: 1, commentId: 501, incident: 'MAL-2025-46974', approver: { login: 'alice', type: 'User' },
      command: { ok: true, action: 'remediation-prs' },
    });
  });

  it('ignores other comments, issues a user wrote with a copied marker, and issues without a marker', () => {
    expect(onIncidentComment(approvalPayload('LGTM'))).toBeUndefined();
    expect(onIncidentComment(approvalPayload('/chaingate approve MAL-2025-46974 issue', { issueAuthorType: 'User' }))).toBeUndefined();
    expect(onIncidentComment(approvalPayload('/chaingate approve MAL-2025-46974 issue', { issueBody: 'no marker' }))).toBeUndefined();
  });
});
