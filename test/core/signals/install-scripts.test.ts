import { describe, expect, it } from 'vitest';
import { installScriptsSignal } from '../../../src/core/signals/install-scripts.js';
import { appWith, changeOf, inputFor, metadataOf, withNode } from './inputs.js';

describe('install-scripts signal', () => {
  it('flags ua-parser-js 0.7.29, which added a preinstall script 0.7.28 did not have (2021), as high', () => {
    const change = changeOf(appWith('ua-parser-js@0.7.28'), appWith('ua-parser-js@0.7.29'), 'ua-parser-js');
    const metadata = metadataOf('ua-parser-js', {
      '0.7.28': { publishedAt: '2021-04-12T00:00:00Z' },
      '0.7.29': { publishedAt: '2021-10-22T12:15:00Z', installScripts: ['preinstall'] },
    });
    const findings = installScriptsSignal.evaluate(inputFor(change, { metadata }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ signal: 'install-scripts', severity: 'high', title: 'ua-parser-js@0.7.29 adds install scripts that 0.7.28 did not have' });
    expect(findings[0]!.evidence).toEqual({ scripts: ['preinstall'], factsFrom: 'registry', previousVersion: '0.7.28', previousHadScripts: false });
  });

  it('falls back to the lockfile flags where the registry metadata is missing', () => {
    let change = changeOf(appWith('ua-parser-js@0.7.28'), appWith('ua-parser-js@0.7.29'), 'ua-parser-js');
    change = withNode(withNode(change, 'baseNode', { hasInstallScript: false }), 'headNode', { hasInstallScript: true });
    const [finding] = installScriptsSignal.evaluate(inputFor(change));
    expect(finding).toMatchObject({ severity: 'high' });
    expect(finding!.evidence).toMatchObject({ factsFrom: 'lockfile', previousHadScripts: false });
  });

  it('says less loudly that scripts were added when nothing is known about the old version', () => {
    const change = withNode(changeOf(appWith('ua-parser-js@0.7.28'), appWith('ua-parser-js@0.7.29'), 'ua-parser-js'), 'headNode', { hasInstallScript: true });
    const [finding] = installScriptsSignal.evaluate(inputFor(change));
    expect(finding).toMatchObject({ severity: 'moderate' });
    expect(finding!.evidence).toMatchObject({ previousHadScripts: 'unknown' });
  });

  it('flags a new package that runs scripts at install', () => {
    const change = changeOf(appWith(), appWith('esbuild@0.25.9'), 'esbuild');
    const metadata = metadataOf('esbuild', { '0.25.9': { installScripts: ['postinstall'] } });
    const findings = installScriptsSignal.evaluate(inputFor(change, { metadata }));
    expect(findings.map((f) => [f.severity, f.title, f.evidence.scripts])).toEqual([['moderate', 'esbuild@0.25.9 runs scripts at install', ['postinstall']]]);
  });

  it('stays quiet for an upgrade of a package that always had install scripts', () => {
    const change = changeOf(appWith('esbuild@0.25.8'), appWith('esbuild@0.25.9'), 'esbuild');
    const metadata = metadataOf('esbuild', { '0.25.8': { installScripts: ['postinstall'] }, '0.25.9': { installScripts: ['postinstall'] } });
    expect(installScriptsSignal.evaluate(inputFor(change, { metadata }))).toEqual([]);
  });

  it('stays quiet for a new package without scripts, or where nothing says it has any', () => {
    const change = changeOf(appWith(), appWith('left-pad@1.3.0'), 'left-pad');
    expect(installScriptsSignal.evaluate(inputFor(change, { metadata: metadataOf('left-pad', { '1.3.0': {} }) }))).toEqual([]);
    expect(installScriptsSignal.evaluate(inputFor(change))).toEqual([]);
  });
});
