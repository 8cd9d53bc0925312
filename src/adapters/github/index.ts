export { createGitHubClient, type GitHubAuth, type GitHubClient, type GitHubClientOptions } from './octokit.js';
export { githubIssueComments, type CommentAuthor, type IssueComment, type IssueComments, type IssueRef } from './issue-comments.js';
export { githubCommitFiles, type BlobCache } from './api-repo-files.js';
export { isDependencyFile, touchesDependencies } from './changed-files.js';
export { githubCheckRuns, MAX_CHECK_SUMMARY, RERUN_ACTION, type CheckRunOutcome, type CheckRunRef, type CheckRuns } from './check-runs.js';
export { readRepositoryFile } from './repository-file.js';
export { statusOf, type GitHubRequester, type RepoRef } from './requester.js';
export { writeRoleOf } from './collaborator-permission.js';
export { COMMENT_MARKER, ensureStickyComment, planComment, type CommentPlan } from './sticky-comment.js';
