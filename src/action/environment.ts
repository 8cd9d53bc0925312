import * as core from '@actions/core';
import { createGitHubClient, githubIssueComments, type IssueComments } from '../adapters/github/index.js';

/** An annotation on a file line of the run (`core.error` / `core.warning` / `core.notice`). */
export interface AnnotationSpec {
  readonly title: string;
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
}

/** What the Action may do to its runner; tests and the real runner hand in their own. */
export interface RunnerCommands {
  /** An input's value, '' when not given (`core.getInput`). */
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  /** Masks a value in every later log line. */
  setSecret(value: string): void;
  /** One log line; the caller makes untrusted text safe first (safeLogText). */
  info(line: string): void;
  annotate(level: 'error' | 'warning' | 'notice', message: string, where?: AnnotationSpec): void;
  /** Appends Markdown to the job summary. */
  appendSummary(markdown: string): Promise<void>;
  /** Marks the step failed with a message (exit code 1). */
  setFailed(message: string): void;
}

export interface ActionEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly runner: RunnerCommands;
  readonly now: () => Date;
  readonly issueComments: (options: { token: string; baseUrl: string; userAgent: string }) => IssueComments;
}

/** The environment of a real Actions runner: @actions/core, process.env, the GitHub REST API. */
export function realEnvironment(): ActionEnvironment {
  return {
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    runner: {
      getInput: (name) => core.getInput(name),
      setOutput: (name, value) => core.setOutput(name, value),
      setSecret: (value) => core.setSecret(value),
      info: (line) => core.info(line),
      annotate: (level, message, where) => {
        const properties = where ? { title: where.title, file: where.file, startLine: where.startLine, endLine: where.endLine } : {};
        if (level === 'error') core.error(message, properties);
        else if (level === 'warning') core.warning(message, properties);
        else core.notice(message, properties);
      },
      appendSummary: async (markdown) => {
        await core.summary.addRaw(markdown, true).write();
      },
      setFailed: (message) => core.setFailed(message),
    },
    issueComments: (options) =>
      githubIssueComments(
        createGitHubClient({
          ...options,
          onWait: (kind, seconds) => core.info(`chaingate: GitHub ${kind}, retrying in ${seconds}s`),
        }),
      ),
  };
}
