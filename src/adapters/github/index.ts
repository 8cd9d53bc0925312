export { createGitHubClient, type GitHubClient, type GitHubClientOptions } from './octokit.js';
export { githubIssueComments, type CommentAuthor, type IssueComment, type IssueComments, type IssueRef } from './issue-comments.js';
