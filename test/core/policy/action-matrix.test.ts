import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { actionMode, approvalRule } from '../../../src/core/policy/action-matrix.js';
import { judge, parsePolicy, resolvePolicy, type Policy } from '../../../src/core/policy/index.js';
import { thrownBy } from '../../helpers/errors.js';
import { findingOf } from './make.js';

const FILE = '.github/chaingate.yml';
const layer = (yaml: string) => ({ file: FILE, content: `version: 1\n${yaml}` });
const policyOf = (...layers: string[]): Policy => resolvePolicy(layers.map((yaml, i) => ({ ...layer(yaml), file: `layer-${i}.yml` })));

describe('the action matrix', () => {
  it('defaults to everything automatic for tier 1 (deployment blocks overridable), tier 2 in between, issues only for tier 3', () => {
    const { response } = resolvePolicy([]);
    expect(response.actions[1]).toEqual({ automatic: ['issue', 'comment', 'block-pull-requests', 'block-deployments', 'remediation-prs'], approval: [], overridable: ['block-deployments'] });
    expect(response.actions[3]).toEqual({ automatic: ['issue'], approval: [], overridable: [] });
    expect(actionMode(response, 2, 'remediation-prs')).toBe('approval');
    expect(actionMode(response, 3, 'comment')).toBe('off');
    expect(approvalRule(response, 1, 'block-deployments')).toEqual({ permissions: ['admin', 'maintain'], approvers: 2, overridable: true });
    expect(approvalRule(response, 1, 'block-pull-requests')).toMatchObject({ approvers: 2, overridable: false });
    expect(approvalRule(response, 2, 'remediation-prs')).toEqual({ permissions: ['admin', 'maintain'], approvers: 1, overridable: true });
  });

  it('replaces a tier row whole in a more specific layer, so a row never lists an action twice', () => {
    const { response } = policyOf('response:\n  actions:\n    tier-2:\n      automatic: [issue, remediation-prs]\n  approvals:\n    permissions: [admin]\n');
    expect(response.actions[2]).toEqual({ automatic: ['issue', 'remediation-prs'], approval: [], overridable: [] });
    expect(response.actions[1].automatic).toContain('block-deployments');
    expect(response.approvals).toEqual({ permissions: ['admin'], twoApprovers: [1] });
  });

  const bad: readonly [string, string, RegExp][] = [
    ['an unknown action', 'response:\n  actions:\n    tier-1:\n      automatic: [issue, ^page-oncall]\n', /response\.actions\.tier-1\.automatic\[1\]: expected one of issue, comment/],
    ['an action both automatic and waiting', 'response:\n  actions:\n    tier-2:\n      automatic: [issue]\n      approval: [^issue]\n', /"issue" is listed twice/],
    ['an overridable action that is not automatic', 'response:\n  actions:\n    tier-3:\n      automatic: [issue]\n      overridable: [^block-deployments]\n', /can only be overridable when it is automatic/],
    ['a tier that does not exist', 'response:\n  actions:\n    ^tier-4:\n      automatic: [issue]\n', /unknown key "tier-4"/],
    ['an unknown permission', 'response:\n  approvals:\n    permissions: [^owner]\n', /response\.approvals\.permissions\[0\]: expected one of admin, maintain/],
  ];
  it.each(bad)('rejects %s at its line and column', (_name, text, message) => {
    const offset = text.indexOf('^');
    const before = `version: 1\n${text.slice(0, offset)}`;
    const error = thrownBy(ConfigError, () => parsePolicy(`version: 1\n${text.replace('^', '')}`, FILE));
    expect(error.message).toMatch(message);
    expect([error.file, error.line, error.column]).toEqual([FILE, before.split('\n').length, offset - text.slice(0, offset).lastIndexOf('\n')]);
  });
});

describe('judging a finding from an open incident', () => {
  const incident = (severity: 'critical' | 'moderate', evidence: Record<string, string> = { incident: 'INC-7' }) => findingOf({ signal: 'vulnerability', severity, dev: false, ids: ['GHSA-x'], evidence });

  it('blocks by the incident rule where the matrix makes block-pull-requests automatic for its tier', () => {
    const [decision] = judge([incident('critical')], [], resolvePolicy([]), new Date()).decisions;
    expect(decision).toMatchObject({ outcome: 'block', rule: 'incident:INC-7', tier: 1 });
  });

  it('leaves the finding to the rules where the matrix does not block its tier, and a finding with no incident always', () => {
    expect(judge([incident('moderate')], [], resolvePolicy([]), new Date()).decisions[0]).toMatchObject({ outcome: 'warn', rule: 'default:vulnerability', tier: 3 });
    const waiting = policyOf('response:\n  actions:\n    tier-1:\n      automatic: [issue]\n      approval: [block-pull-requests]\n');
    expect(judge([incident('critical')], [], waiting, new Date()).decisions[0]).toMatchObject({ rule: 'vulnerability-runtime-high' });
    expect(judge([incident('critical', {})], [], resolvePolicy([]), new Date()).decisions[0]).toMatchObject({ rule: 'vulnerability-runtime-high' });
  });

  it('lets an unexpired exception for the advisory allow it, as for any finding', () => {
    const excepted = policyOf('exceptions:\n  - { id: ok, package: left-pad, ids: [GHSA-x], reason: not reachable, owner: me, expires: 2099-01-01 }\n');
    expect(judge([incident('critical')], [], excepted, new Date()).decisions[0]).toMatchObject({ outcome: 'allow', rule: 'exception:ok' });
  });
});
