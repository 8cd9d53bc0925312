/** An issue as chaingate wants it to be on GitHub; the reconciler applies the difference. */
export interface DesiredIssue {
  /** `owner/name`. */
  readonly repository: string;
  /** The hidden marker that finds it again (also the first line of `body`). */
  readonly marker: string;
  readonly title: string;
  readonly body: string;
  readonly state: 'open' | 'closed';
  /** Labels put on creation; `chaingate` first (the reconciler lists issues by it). */
  readonly labels: readonly string[];
  /** GitHub logins assigned on creation. */
  readonly assignees: readonly string[];
  /** Posted when chaingate closes the issue: the evidence or the reason. */
  readonly closingComment: string;
  /** Posted when chaingate reopens it: what came back. */
  readonly reopeningComment: string;
}

/** The label every issue chaingate writes carries. */
export const CHAINGATE_LABEL = 'chaingate';
export const INCIDENT_LABEL = 'incident';

/** GitHub refuses an issue title longer than this. */
export const MAX_ISSUE_TITLE = 256;

/** A title from untrusted parts: one line, no control characters, at most {@link MAX_ISSUE_TITLE}. */
export function issueTitle(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ').replace(/\s+/gu, ' ').trim();
  return line.length > MAX_ISSUE_TITLE ? `${line.slice(0, MAX_ISSUE_TITLE - 1)}…` : line;
}
