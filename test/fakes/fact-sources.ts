import { UpstreamError } from '../../src/core/errors.js';
import type { Advisory, PackageMetadata, PackageRef, ProvenanceVerdict } from '../../src/core/facts.js';
import { type AdvisorySource, packageKey, type ProvenanceSource, type RegistrySource } from '../../src/core/ports.js';

/** An advisory with sensible defaults, for tests. */
export function advisory(overrides: Partial<Advisory> & Pick<Advisory, 'id'>): Advisory {
  return { aliases: [], source: 'osv', summary: `summary of ${overrides.id}`, severity: 'high', malware: false, fixedVersions: [], ...overrides };
}

/** In-memory advisory source keyed by `name@version`; counts calls; can be told to fail. */
export class FakeAdvisorySource implements AdvisorySource {
  calls: PackageRef[][] = [];
  constructor(
    readonly name: string,
    private readonly byPackage: Record<string, Advisory[]>,
    private readonly failure?: UpstreamError,
  ) {}
  async advisoriesFor(packages: readonly PackageRef[]): Promise<ReadonlyMap<string, readonly Advisory[]>> {
    this.calls.push([...packages]);
    if (this.failure) throw this.failure;
    const result = new Map<string, Advisory[]>();
    for (const ref of packages) {
      const found = this.byPackage[`${ref.name}@${ref.version}`];
      if (found) result.set(packageKey(ref), found);
    }
    return result;
  }
}

export class FakeRegistry implements RegistrySource {
  readonly name = 'fake-registry';
  asked: string[] = [];
  constructor(private readonly packages: Record<string, PackageMetadata>, private readonly failing = new Set<string>()) {}
  async metadata(_ecosystem: string, name: string): Promise<PackageMetadata | undefined> {
    this.asked.push(name);
    if (this.failing.has(name)) throw new UpstreamError('SERVER_ERROR', this.name, `503 for ${name}`);
    return this.packages[name];
  }
}

export class FakeProvenance implements ProvenanceSource {
  readonly name = 'fake-provenance';
  constructor(private readonly verdicts: Record<string, ProvenanceVerdict>) {}
  async provenance(ref: PackageRef): Promise<ProvenanceVerdict> {
    return this.verdicts[`${ref.name}@${ref.version}`] ?? { status: 'absent' };
  }
}
