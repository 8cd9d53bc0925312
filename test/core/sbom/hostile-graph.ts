import type { DependencyGraph } from '../../../src/core/model.js';
import { newBuilder, npmPackage } from './sample-graphs.js';

/** Text a lockfile could smuggle into an SBOM: markup, quotes, ampersands, a control character. */
export const HOSTILE = {
  root: 'repo<&"\'>',
  name: 'evil<&">pkg',
  version: '1.0.0-<&">',
  license: '<b>MIT & "friends"</b>\u0001',
  workspace: 'ws<&">name',
  lockfile: 'x&<y>/package-lock.json',
} as const;

/** A graph carrying {@link HOSTILE} text in every free-text field. GraphBuilder checks no names; parsers do. */
export function hostileGraph(): DependencyGraph {
  const b = newBuilder(HOSTILE.lockfile);
  b.addWorkspace('.', HOSTILE.workspace, HOSTILE.version);
  const evil = b.addPackage(
    npmPackage(HOSTILE.name, HOSTILE.version, {
      license: HOSTILE.license,
      integrity: 'sha512-<script>',
      resolved: 'https://registry.example.com/a"b<c>/-/x.tgz',
    }),
  );
  b.addWorkspaceEdge('.', evil, HOSTILE.name, 'prod');
  return b.build();
}
