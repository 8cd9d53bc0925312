import { describe, expect, it } from 'vitest';
import type { GraphSpec } from '../../helpers/graph.js';
import { sourceSignal } from '../../../src/core/signals/source.js';
import { appWith, changeOf, inputFor, registryPackage } from './inputs.js';

function appWithPackage(id: string, spec: GraphSpec['packages'][string]): GraphSpec {
  return { workspaces: { '.': { [id]: 'prod' } }, packages: { [id]: spec } };
}

describe('source signal', () => {
  it('flags a package now resolved from a git repository instead of the registry', () => {
    const head = appWithPackage('left-pad@1.3.0', { source: 'git', resolved: 'git+ssh://git@github.com/stevemao/left-pad.git#5a5b2fa' });
    const change = changeOf(appWith('left-pad@1.2.0'), head, 'left-pad');
    const findings = sourceSignal.evaluate(inputFor(change));
    expect(findings.map((f) => [f.severity, f.title])).toEqual([['moderate', 'left-pad@1.3.0 comes from a git repository, not a registry']]);
    expect(findings[0]!.evidence).toEqual({ source: 'git', resolved: 'git+ssh://git@github.com/stevemao/left-pad.git#5a5b2fa' });
  });

  it('flags a tarball fetched over plain http as high', () => {
    const head = appWithPackage('pkg@1.0.0', { source: 'remote', resolved: 'http://example.com/pkg-1.0.0.tgz' });
    const [finding] = sourceSignal.evaluate(inputFor(changeOf(appWith(), head, 'pkg')));
    expect(finding).toMatchObject({ severity: 'high', evidence: { insecure: true } });
  });

  it('flags local file and link packages as low', () => {
    const head = appWithPackage('pkg@1.0.0', { source: 'file', resolved: 'file:../vendor/pkg-1.0.0.tgz' });
    expect(sourceSignal.evaluate(inputFor(changeOf(appWith(), head, 'pkg'))).map((f) => f.severity)).toEqual(['low']);
  });

  it('flags a registry outside the allowed registries', () => {
    const head = appWithPackage('left-pad@1.3.0', registryPackage('left-pad@1.3.0', { resolved: 'https://npm.evil.example:8443/left-pad/-/left-pad-1.3.0.tgz' }));
    const [finding] = sourceSignal.evaluate(inputFor(changeOf(appWith(), head, 'left-pad')));
    expect(finding).toMatchObject({ severity: 'high', evidence: { host: 'npm.evil.example:8443', allowedRegistries: ['registry.npmjs.org'] } });
  });

  it('accepts any registry host when no registry list is set', () => {
    const head = appWithPackage('left-pad@1.3.0', registryPackage('left-pad@1.3.0', { resolved: 'https://npm.internal.example/left-pad/-/left-pad-1.3.0.tgz' }));
    const input = inputFor(changeOf(appWith(), head, 'left-pad'));
    expect(sourceSignal.evaluate({ ...input, settings: { ...input.settings, allowedRegistries: [] } })).toEqual([]);
  });

  it('flags a registry package without an integrity hash', () => {
    const head = appWithPackage('left-pad@1.3.0', { ...registryPackage('left-pad@1.3.0'), integrity: undefined });
    const findings = sourceSignal.evaluate(inputFor(changeOf(appWith(), head, 'left-pad')));
    expect(findings.map((f) => [f.severity, f.evidence.missingIntegrity])).toEqual([['moderate', true]]);
  });

  it('flags the same version with different bits as critical', () => {
    const base = appWith('left-pad@1.3.0');
    const head = appWithPackage('left-pad@1.3.0', registryPackage('left-pad@1.3.0', { integrity: 'sha512-' + 'B'.repeat(86) + '==' }));
    const change = changeOf(base, head, 'left-pad');
    expect(change).toMatchObject({ type: 'changed', changedFields: ['integrity'] });
    const [finding, ...rest] = sourceSignal.evaluate(inputFor(change));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'critical', title: 'left-pad@1.3.0 now has different bits than on the base branch (integrity)' });
    expect(finding!.evidence).toMatchObject({ changedFields: ['integrity'], integrity: 'sha512-' + 'B'.repeat(86) + '==', previousIntegrity: 'sha512-' + 'A'.repeat(86) + '==' });
  });

  it('stays quiet for a registry package with integrity from an allowed host', () => {
    expect(sourceSignal.evaluate(inputFor(changeOf(appWith('left-pad@1.2.0'), appWith('left-pad@1.3.0'), 'left-pad')))).toEqual([]);
  });
});

describe('source signal: lockfile lies', () => {
  const lie = (resolved: string) => appWithPackage('debug@4.4.1', registryPackage('debug@4.4.1', { resolved }));

  it.each([
    ['another version', 'https://registry.npmjs.org/debug/-/debug-4.4.2.tgz', 'debug', '4.4.2'],
    ['another package', 'https://registry.npmjs.org/evil/-/evil-4.4.1.tgz', 'evil', '4.4.1'],
    ['a yarn berry resolution of another version', 'debug@npm:4.4.2', 'debug', '4.4.2'],
  ])('blocks an entry whose tarball is %s', (_what, resolved, name, version) => {
    const findings = sourceSignal.evaluate(inputFor(changeOf(appWith(), lie(resolved), 'debug')));
    expect(findings.map((f) => [f.severity, f.evidence.lockfileMismatch, f.evidence.resolvedName, f.evidence.resolvedVersion])).toEqual([['critical', true, name, version]]);
  });

  it('flags an integrity the registry does not publish for the version, when the metadata is at hand', () => {
    const change = changeOf(appWith(), appWith('debug@4.4.1'), 'debug');
    const registryIntegrity = `sha512-${'C'.repeat(86)}==`;
    const metadata = { ecosystem: 'npm', name: 'debug', versions: new Map([['4.4.1', { version: '4.4.1', installScripts: [], trust: 'none' as const, integrity: registryIntegrity }]]), maintainers: [] };
    const findings = sourceSignal.evaluate(inputFor(change, { metadata }));
    expect(findings.map((f) => [f.severity, f.evidence.lockfileMismatch, f.evidence.registryIntegrity])).toEqual([['critical', true, registryIntegrity]]);
    const same = { ...metadata, versions: new Map([['4.4.1', { ...metadata.versions.get('4.4.1')!, integrity: change.headNode!.integrity }]]) };
    expect(sourceSignal.evaluate(inputFor(change, { metadata: same }))).toEqual([]);
  });
});
