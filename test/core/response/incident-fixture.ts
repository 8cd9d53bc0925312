import type { ExposureView, IncidentView, RepositoryView } from '../../../src/core/response/incident-view.js';

export const RECEIVED = new Date('2025-09-08T14:10:00Z');

/** debug@4.4.2 (the September 2025 compromise) exposed in `repository` on `ref`. */
export function exposure(repository: string, overrides: Partial<ExposureView> = {}): ExposureView {
  return {
    repository,
    ref: 'main',
    sha: 'a'.repeat(40),
    environments: [],
    ecosystem: 'npm',
    name: 'debug',
    version: '4.4.2',
    direct: false,
    dev: false,
    path: ['.', 'express@4.21.2', 'debug@4.4.2'],
    lockfile: 'package-lock.json',
    tier: 1,
    ...overrides,
  };
}

export function repository(name: string, overrides: Partial<RepositoryView> = {}): RepositoryView {
  return {
    repository: name,
    defaultBranch: 'main',
    defaultBranchScanned: true,
    deployments: [],
    releaseTags: [],
    owners: [],
    containment: [],
    remediationPullRequests: [],
    ...overrides,
  };
}

export function incident(overrides: Partial<IncidentView> = {}): IncidentView {
  return {
    id: 'MAL-2025-46974',
    aliases: ['GHSA-8mgj-vmr8-frr6'],
    title: 'Malicious code in debug 4.4.2',
    severity: 'critical',
    kind: 'malware',
    status: 'open',
    affected: [{ ecosystem: 'npm', name: 'debug', versions: '4.4.2' }],
    timeline: { publishedAt: new Date('2025-09-08T13:50:00Z'), receivedAt: RECEIVED, scopedAt: new Date('2025-09-08T14:10:05Z') },
    exposures: [],
    repositories: [],
    ...overrides,
  };
}
