import { describe, expect, it } from 'vitest';
import { diffRepositories } from '../../../src/core/diff/index.js';
import type { DependencyGraph } from '../../../src/core/model.js';
import { buildAnnotations } from '../../../src/core/report/annotations.js';
import { renderDiffJson } from '../../../src/core/report/diff-json.js';
import { renderDiffMarkdown } from '../../../src/core/report/diff-markdown.js';
import { renderDiffText } from '../../../src/core/report/diff-text.js';
import { renderSarif } from '../../../src/core/report/sarif-render.js';
import { renderVerdictJson } from '../../../src/core/report/verdict-json.js';
import { renderVerdictMarkdown } from '../../../src/core/report/verdict-markdown.js';
import { renderVerdictText } from '../../../src/core/report/verdict-text.js';
import { buildBom } from '../../../src/core/sbom/build-bom.js';
import { serializeBom } from '../../../src/core/sbom/serialize.js';
import { graphOf } from '../../helpers/graph.js';
import { decision, verdictOf } from './verdict-samples.js';

// The builder already removes credentials (test/core/graph/builder.test.ts); these graphs get them back in
// behind its back, so each renderer shows it removes them on its own (the second line of defence).
const SECRET = 'ghp_s3cretT0ken';
const GIT_URL = `git+https://${SECRET}@github.com/acme/private.git#0123456789abcdef0123456789abcdef01234567`;

function withCredentialsInjected(graph: DependencyGraph): DependencyGraph {
  for (const node of graph.packages.values()) {
    if (node.name !== 'private') continue;
    Object.assign(node, {
      version: GIT_URL,
      purl: `pkg:npm/private@${encodeURIComponent(GIT_URL)}`,
      resolved: `https://user:${SECRET}@registry.example.com/private/-/private-1.0.0.tgz`,
    });
  }
  return graph;
}

const base = graphOf({ workspaces: { '.': { 'a@1.0.0': 'prod' } }, packages: { 'a@1.0.0': {} } });
const head = withCredentialsInjected(
  graphOf({ workspaces: { '.': { 'a@1.0.0': 'prod', 'private@1.0.0': 'prod' } }, packages: { 'a@1.0.0': {}, 'private@1.0.0': { deps: ['b@1.0.0'] }, 'b@1.0.0': {} } }),
);
const diff = diffRepositories([base], [head]);
const change = diff.changes.find((c) => c.name === 'b')!;
const direct = diff.changes.find((c) => c.name === 'private')!;
const verdict = verdictOf([
  decision({ change: direct, signal: 'source', severity: 'moderate', title: `private@${GIT_URL} comes from a git repository`, evidence: { resolved: GIT_URL }, outcome: 'warn', rule: 'source', tier: 3 }),
  decision({ change, signal: 'vulnerability', severity: 'high', title: `see https://${SECRET}@advisories.example.com/x`, outcome: 'block', rule: 'vulnerability', tier: 1 }),
]);

describe('every output removes credentials on its own', () => {
  it.each([
    ['diff text', () => renderDiffText(diff)],
    ['diff Markdown', () => renderDiffMarkdown(diff)],
    ['diff JSON', () => renderDiffJson({ base: 'b', head: 'h', lockfiles: { base: [], head: [] }, result: diff })],
    ['verdict text', () => renderVerdictText(verdict, { showAllowed: true })],
    ['verdict Markdown', () => renderVerdictMarkdown(verdict)],
    ['verdict JSON', () => renderVerdictJson(verdict, { toolVersion: '0', changes: diff.summary })],
    ['SARIF', () => renderSarif(verdict, { toolVersion: '0', informationUri: 'https://example.com' })],
    ['annotations', () => JSON.stringify(buildAnnotations(verdict))],
    ['CycloneDX JSON', () => serializeBom(buildBom([head], { root: { name: 'r' }, toolVersion: '0', deterministic: true }), 'json')],
    ['CycloneDX XML', () => serializeBom(buildBom([head], { root: { name: 'r' }, toolVersion: '0', deterministic: true }), 'xml')],
  ])('%s', (_name, render) => {
    const output = render();
    expect(output).not.toContain(SECRET);
    expect(output).not.toContain('user:');
  });

  it('still shows where the package comes from', () => {
    expect(renderVerdictJson(verdict, { toolVersion: '0', changes: diff.summary })).toContain('git+https://github.com/acme/private.git#0123456789abcdef');
  });
});
