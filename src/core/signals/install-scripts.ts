import type { PackageMetadata } from '../facts.js';
import type { Finding, Signal, SignalInput } from '../findings.js';
import type { PackageNode } from '../model.js';
import { label, makeFinding } from './finding.js';

interface ScriptFacts {
  /** `true` / `false` where known, `undefined` where neither the registry nor the lockfile says. */
  readonly has: boolean | undefined;
  readonly scripts: readonly string[];
  readonly from: 'registry' | 'lockfile' | 'unknown';
}

/**
 * Install-time scripts (`preinstall`, `install`, `postinstall`) run code on every machine that installs
 * the package. A new package that has them is a finding; so is a new version of a known package that
 * adds them where the version it replaces had none — the ua-parser-js 0.7.29 (2021) pattern.
 */
export const installScriptsSignal: Signal = {
  id: 'install-scripts',
  evaluate(input: SignalInput): readonly Finding[] {
    const { change, metadata } = input;
    if (change.to === undefined) return [];
    const head = scriptFacts(metadata, change.to, change.headNode);
    if (head.has !== true) return [];
    if (change.type === 'added') {
      return [
        makeFinding('install-scripts', 'moderate', change, `${label(change)} runs scripts at install`, [], {
          scripts: head.scripts,
          factsFrom: head.from,
        }),
      ];
    }
    if (change.from === undefined) return [];
    const base = scriptFacts(metadata, change.from, change.baseNode);
    if (base.has === true) return [];
    // Newly added scripts are the strong signal; where the old version is unknown we still say so, less loudly.
    return [
      makeFinding('install-scripts', base.has === false ? 'high' : 'moderate', change, `${label(change)} adds install scripts that ${change.from} did not have`, [], {
        scripts: head.scripts,
        factsFrom: head.from,
        previousVersion: change.from,
        previousHadScripts: base.has === undefined ? 'unknown' : false,
      }),
    ];
  },
};

/** Registry metadata where it has the version (it lists the scripts), else the lockfile's flag. */
function scriptFacts(metadata: PackageMetadata | undefined, version: string, node: PackageNode | undefined): ScriptFacts {
  const published = metadata?.versions.get(version);
  if (published) return { has: published.installScripts.length > 0, scripts: [...published.installScripts].sort(), from: 'registry' };
  if (node?.hasInstallScript !== undefined) return { has: node.hasInstallScript, scripts: [], from: 'lockfile' };
  return { has: undefined, scripts: [], from: 'unknown' };
}
