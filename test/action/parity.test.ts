import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, git, repoWithCommits } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { pullRequestPayload, runBundledAction } from './simulated-runner.js';

const ADVISORIES = join(FIXTURES, 'osv/check');

describe('one verdict from every shell', () => {
  // A pull request that swaps yarn berry's upgrade fixture back: lodash 4.17.20 and path-to-regexp 0.1.7 come in.
  const upgrade = join(FIXTURES, 'yarn/berry4/upgrade');
  const repo = repoWithCommits([join(upgrade, 'head'), join(upgrade, 'base')]);
  afterAll(() => repo.cleanup());

  it('gives the bundled Action and the CLI the same findings for the same pull request', async () => {
    const base = git(repo.dir, 'rev-parse', 'HEAD~1').trim();
    const head = git(repo.dir, 'rev-parse', 'HEAD').trim();
    const fromCli = await cli(['check', '--base', base, '--head', head, '--offline', '--advisories', ADVISORIES, '--format', 'json'], repo.dir);
    const fromAction = await runBundledAction({ workspace: repo.dir, eventName: 'pull_request', payload: pullRequestPayload(base, head), inputs: { advisories: ADVISORIES } });

    const cliVerdict = JSON.parse(fromCli.stdout) as { conclusion: string; findings: unknown[] };
    expect(fromCli.code).toBe(1);
    expect(fromAction.code).toBe(1);
    expect(fromAction.outputs.conclusion).toBe(cliVerdict.conclusion);
    expect(JSON.parse(fromAction.outputs.findings!)).toEqual(cliVerdict.findings);
    expect(cliVerdict.findings.length).toBeGreaterThan(1);
  });
});
