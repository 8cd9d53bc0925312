import { describe, expect, it } from 'vitest';
import { diffRepositories } from '../../../src/core/diff/index.js';
import { renderDiffJson } from '../../../src/core/report/diff-json.js';
import { renderDiffMarkdown } from '../../../src/core/report/diff-markdown.js';
import { renderDiffText } from '../../../src/core/report/diff-text.js';
import { graphOf } from '../../helpers/graph.js';

const base = graphOf({ workspaces: { '.': { 'a@1.0.0': 'prod' } }, packages: { 'a@1.0.0': { deps: ['b@1.0.0'] }, 'b@1.0.0': {} } });
const head = graphOf({
  workspaces: { '.': { 'a@1.1.0': 'prod', '<img src=x>@1.0.0': 'dev' } },
  packages: { 'a@1.1.0': { deps: ['b@2.0.0'] }, 'b@2.0.0': {}, '<img src=x>@1.0.0': {} },
});
const result = diffRepositories([base], [head]);

describe('diff renderers', () => {
  it('prints one line per change and a summary for the terminal', () => {
    const text = renderDiffText(result);
    expect(text).toContain('↑ a 1.0.0 → 1.1.0  (direct)');
    expect(text).toContain('↑ b 1.0.0 → 2.0.0  (transitive)  via . > a@1.1.0 > b@2.0.0');
    expect(text).toMatch(/3 changes: 1 added, 0 removed, 2 upgraded/u);
  });

  it('says so when nothing changed', () => {
    expect(renderDiffText(diffRepositories([base], [base]))).toBe('No dependency changes.\n');
  });

  it('renders a Markdown table with untrusted names inert', () => {
    const md = renderDiffMarkdown(result);
    expect(md).toContain('| upgraded | `a` | 1.0.0 → 1.1.0 | runtime |');
    // Inside a code span GitHub shows HTML as text; outside one it must not appear at all.
    expect(md).toContain('| `<img src=x>` |');
    expect(md.replaceAll('`<img src=x>`', '')).not.toContain('<img');
  });

  it('cuts the Markdown table at the limit and says how much was cut', () => {
    const md = renderDiffMarkdown(result, 700);
    expect(md.length).toBeLessThanOrEqual(700);
    expect(md).toMatch(/\d+ more changes? not shown/u);
  });

  it('prints the documented JSON shape', () => {
    const json = JSON.parse(renderDiffJson({ base: 'b', head: 'h', lockfiles: { base: ['package-lock.json'], head: ['package-lock.json'] }, result }));
    expect(json.schemaVersion).toBe(1);
    expect(json.changes[1]).toEqual({
      type: 'upgraded',
      ecosystem: 'npm',
      name: 'a',
      from: '1.0.0',
      to: '1.1.0',
      direct: true,
      dev: false,
      workspaces: ['.'],
      paths: [{ workspace: '.', packages: ['a@1.1.0'] }],
      lockfile: 'package-lock.json',
      purl: 'pkg:npm/a@1.1.0',
    });
    expect(json.summary).toEqual({ added: 1, removed: 0, upgraded: 2, downgraded: 0, changed: 0, direct: 2, transitive: 1 });
  });
});
