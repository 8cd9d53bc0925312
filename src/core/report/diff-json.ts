import type { DiffResult } from '../diff/change.js';
import { redactCredentials } from '../redact.js';

/** Version of the JSON document `chaingate diff --format json` prints; bumped on any incompatible change. */
export const DIFF_JSON_SCHEMA_VERSION = 1;

export interface DiffJsonInput {
  readonly base: string;
  readonly head: string;
  readonly lockfiles: { readonly base: readonly string[]; readonly head: readonly string[] };
  readonly result: DiffResult;
}

/** The machine-readable diff (schema documented in README.md, "Output: diff JSON"). */
export function renderDiffJson(input: DiffJsonInput): string {
  const document = {
    schemaVersion: DIFF_JSON_SCHEMA_VERSION,
    base: input.base,
    head: input.head,
    lockfiles: input.lockfiles,
    changes: input.result.changes.map((c) => ({
      type: c.type,
      ecosystem: c.ecosystem,
      name: c.name,
      from: c.from ?? null,
      to: c.to ?? null,
      direct: c.direct,
      dev: c.dev,
      workspaces: c.workspaces,
      paths: c.paths,
      lockfile: c.lockfile,
      purl: c.purl,
      ...(c.changedFields ? { changedFields: c.changedFields } : {}),
    })),
    summary: input.result.summary,
  };
  // Second line of defence (the graph builder already removed them): no credential in any URL-like value.
  return `${redactCredentials(JSON.stringify(document, null, 2))}\n`;
}
