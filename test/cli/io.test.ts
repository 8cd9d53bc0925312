import { describe, expect, it } from 'vitest';
import { type CliIo, printGraphWarnings } from '../../src/cli/io.js';
import { graphOf } from '../helpers/graph.js';

describe('printGraphWarnings', () => {
  it('prints each gap of a lockfile on standard error with the file, the dependent and the reference, control characters shown', () => {
    let stderr = '';
    const io: CliIo = { cwd: '/', stdout: () => {}, stderr: (t) => void (stderr += t), interactive: false, env: {} };
    const graph = graphOf({
      path: 'apps/web/yarn.lock',
      workspaces: { '.': { 'mkdirp@0.5.5': 'prod' } },
      packages: { 'mkdirp@0.5.5': {} },
      warnings: [
        { code: 'DANGLING_DEPENDENCY', from: 'mkdirp@0.5.5', reference: 'minimist@npm:^1.2.5', message: 'no entry' },
        { code: 'MISSING_FROM_LOCKFILE', from: '.', reference: 'evil\u001b[2J@1', message: 'not recorded' },
      ],
    });
    printGraphWarnings(io, [graph]);
    expect(stderr.split('\n')).toEqual([
      'chaingate: warning: apps/web/yarn.lock: mkdirp@0.5.5 → minimist@npm:^1.2.5: no entry',
      expect.stringMatching(/^chaingate: warning: apps\/web\/yarn\.lock: \. → evil.*@1: not recorded$/u),
      '',
    ]);
    expect(stderr).not.toContain('\u001b');
  });
});
