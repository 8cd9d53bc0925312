import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUNDLE = fileURLToPath(new URL('../../action/dist/index.js', import.meta.url));
export const REPOSITORY = 'chaingate-test/shop';
export const TOKEN = 'ghs_testtoken0123456789';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /** Workflow commands (`::error file=…,line=…::message`) as the runner decodes them. */
  readonly commands: { command: string; properties: Record<string, string>; message: string }[];
  readonly millis: number;
}

export interface RunOptions {
  readonly workspace: string;
  readonly eventName: string;
  readonly payload: unknown;
  readonly inputs?: Readonly<Record<string, string>>;
  readonly apiUrl?: string;
  readonly sha?: string;
  readonly bundle?: string;
}

type WebhookExample = { name: string; examples: Record<string, unknown>[] };
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as WebhookExample[];

/** A real webhook payload from @octokit/webhooks-examples (the first with that action), deep-copied. */
export function webhookExample(event: string, action?: string): Record<string, unknown> {
  const found = examples.find((e) => e.name === event)?.examples.find((x) => action === undefined || x.action === action);
  if (!found) throw new Error(`no ${event}.${action} example in @octokit/webhooks-examples`);
  return structuredClone(found);
}

/** A pull_request payload from the examples, pointed at the test repository's commits. */
export function pullRequestPayload(base: string, head: string, number = 7, action = 'opened'): Record<string, unknown> {
  const payload = webhookExample('pull_request', action);
  const pr = payload.pull_request as Record<string, Record<string, unknown>> & { number: number };
  pr.number = number;
  payload.number = number;
  pr.base!.sha = base;
  pr.head!.sha = head;
  (payload.repository as Record<string, unknown>).full_name = REPOSITORY;
  return payload;
}

/**
 * Runs the bundled Action as the runner does: `node action/dist/index.js`
 * with INPUT_* variables, the event payload in a file, and the file commands
 * (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) read back afterwards.
 */
export async function runBundledAction(options: RunOptions): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'chaingate-runner-'));
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output');
  const summaryPath = join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(options.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
    GIT_CONFIG_NOSYSTEM: '1',
    ...(options.sha ? { GITHUB_SHA: options.sha } : {}),
    // What action.yml's defaults put there on a real runner.
    'INPUT_GITHUB-TOKEN': TOKEN,
    'INPUT_WARN-ONLY': 'false',
    'INPUT_COMMENT-SUMMARY-IN-PR': 'never',
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.replace(/ /gu, '_').toUpperCase()}`] = value;
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [options.bundle ?? BUNDLE], { cwd: options.workspace, env, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout: out, stderr: err });
    });
  });
  const millis = performance.now() - started;
  return { code, stdout, stderr, outputs: parseOutputs(readFileSync(outputPath, 'utf8')), summary: readFileSync(summaryPath, 'utf8'), commands: parseCommands(stdout), millis };
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` records. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/u.exec(lines[i]!);
    if (!match) continue;
    const end = lines.indexOf(match[2]!, i + 1);
    outputs[match[1]!] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

/** Lines the runner would read as workflow commands: `::` at the start of a line. */
function parseCommands(stdout: string): RunResult['commands'] {
  const commands: RunResult['commands'] = [];
  for (const line of stdout.split(/\r?\n/u)) {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/u.exec(line);
    if (!match) continue;
    const properties = Object.fromEntries(
      (match[2] ?? '')
        .split(',')
        .filter(Boolean)
        .map((kv) => {
          const at = kv.indexOf('=');
          return [kv.slice(0, at), decode(kv.slice(at + 1))];
        }),
    );
    commands.push({ command: match[1]!, properties, message: decode(match[3]!) });
  }
  return commands;
}

/** The runner's decoding of command values (the inverse of @actions/core's escapeData / escapeProperty). */
function decode(value: string): string {
  return value.replace(/%0D/gu, '\r').replace(/%0A/gu, '\n').replace(/%3A/gu, ':').replace(/%2C/gu, ',').replace(/%25/gu, '%');
}
