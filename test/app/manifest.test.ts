import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { approvalHandlers, eventHandlers, gateHandlers, installationHandlers, inventoryHandlers, overrideHandlers, releaseHandlers } from '../../src/app/handlers/registry.js';
import { FIXTURES } from '../helpers/fixtures.js';

const manifest = parse(readFileSync(join(FIXTURES, '..', '..', 'app.yml'), 'utf8')) as {
  name: string;
  default_events: string[];
  default_permissions: Record<string, string>;
};

/** The permission GitHub requires before it sends an App each event the App handles. */
const PERMISSION_FOR_EVENT: Record<string, [string, 'read' | 'write']> = {
  pull_request: ['pull_requests', 'read'],
  merge_group: ['merge_queues', 'read'],
  check_run: ['checks', 'read'],
  check_suite: ['checks', 'read'],
  push: ['contents', 'read'],
  deployment_status: ['deployments', 'read'],
  // Reviewing the rule (POST …/deployment_protection_rule) needs write; GitHub's guide asks for actions: read too.
  deployment_protection_rule: ['deployments', 'write'],
  issue_comment: ['issues', 'read'],
  release: ['contents', 'read'],
  // GitHub sends installation events to every App, whatever its permissions.
  installation: ['metadata', 'read'],
  installation_repositories: ['metadata', 'read'],
};

describe('app.yml', () => {
  it('asks for least privilege: workflows and administration never, and write access only where the work writes', () => {
    // contents: write for release assets (GitHub has no narrower permission for uploads) and remediation branches; deployments: write to answer as a deployment protection rule.
    expect(Object.keys(manifest.default_permissions).filter((p) => manifest.default_permissions[p] === 'write').sort()).toEqual(['checks', 'contents', 'deployments', 'issues', 'pull_requests']);
    expect(manifest.default_permissions).not.toHaveProperty('workflows');
    expect(manifest.default_permissions).not.toHaveProperty('administration');
    expect(Object.values(manifest.default_permissions).every((level) => level === 'read' || level === 'write')).toBe(true);
  });

  it('subscribes to the events the gate needs', () => {
    expect(manifest.default_events).toEqual(expect.arrayContaining(['pull_request', 'merge_group', 'push', 'release']));
  });

  it('subscribes to every event the App has a handler for, with the permission GitHub requires for it', () => {
    for (const event of [...eventHandlers.keys(), ...inventoryHandlers.keys(), ...overrideHandlers.keys(), ...releaseHandlers.keys(), ...installationHandlers.keys(), ...gateHandlers.keys(), ...approvalHandlers.keys()]) {
      expect(manifest.default_events).toContain(event);
      const [permission, level] = PERMISSION_FOR_EVENT[event] ?? ['', 'read'];
      expect(permission, `no known permission for ${event}`).not.toBe('');
      expect(['read', 'write'].indexOf(manifest.default_permissions[permission] ?? 'none')).toBeGreaterThanOrEqual(['read', 'write'].indexOf(level));
    }
  });

  it('can act as a custom deployment protection rule: deployments write and actions read', () => {
    expect(manifest.default_permissions.deployments).toBe('write');
    expect(manifest.default_permissions.actions).toBe('read');
  });

  it('writes check runs, the one thing every handler publishes', () => {
    expect(manifest.default_permissions.checks).toBe('write');
  });

  it('reads artifact attestations and writes release assets, which release provenance and the SBOM need', () => {
    expect(manifest.default_permissions.attestations).toBe('read');
    expect(manifest.default_permissions.contents).toBe('write');
  });
});
