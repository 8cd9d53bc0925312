import type { Change } from '../../../src/core/diff/change.js';
import type { Severity } from '../../../src/core/facts.js';
import type { EvidenceValue, Finding, SignalId } from '../../../src/core/findings.js';

export interface FindingSpec {
  readonly signal?: SignalId;
  readonly severity?: Severity;
  readonly name?: string;
  readonly version?: string;
  readonly type?: Change['type'];
  readonly direct?: boolean;
  readonly dev?: boolean;
  readonly ecosystem?: string;
  readonly workspaces?: readonly string[];
  readonly ids?: readonly string[];
  readonly evidence?: Readonly<Record<string, EvidenceValue>>;
}

/** A finding about one change, built by hand: the policy reads only these fields. */
export function findingOf(spec: FindingSpec = {}): Finding {
  const name = spec.name ?? 'left-pad';
  const version = spec.version ?? '1.3.0';
  const type = spec.type ?? 'added';
  const change: Change = {
    type,
    ecosystem: spec.ecosystem ?? 'npm',
    name,
    from: type === 'added' ? undefined : '1.0.0',
    to: type === 'removed' ? undefined : version,
    lockfile: 'package-lock.json',
    purl: `pkg:npm/${name}@${version}`,
    direct: spec.direct ?? true,
    workspaces: spec.workspaces ?? ['.'],
    paths: [],
    dev: spec.dev ?? false,
  };
  return {
    signal: spec.signal ?? 'vulnerability',
    severity: spec.severity ?? 'high',
    change,
    title: `${name}@${version}`,
    ids: spec.ids ?? [],
    evidence: spec.evidence ?? {},
  };
}
