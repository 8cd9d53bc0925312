import { indexPaths } from '../graph/paths.js';
import type { DependencyGraph, LockfileFormat, PackageNode } from '../model.js';
import { chooseRevert, choosePatch, type Requirement } from './choose-version.js';
import { directDeclaration, overrideEdit, raisedRange } from './manifest-edits.js';
import { findParentUpdate } from './parent-update.js';
import type { ManifestEdit, PackageManager, PlanInput, RemediationPlan, VersionRemedy } from './types.js';

const MANAGERS: Readonly<Partial<Record<LockfileFormat, PackageManager>>> = {
  'npm-package-lock': 'npm',
  'yarn-classic': 'yarn',
  'yarn-berry': 'yarn',
  'pnpm-lock': 'pnpm',
  'bun-lock': 'bun',
};

/** The package manager that writes this lockfile, `undefined` for SBOMs (nothing to regenerate). */
export function managerOf(format: LockfileFormat): PackageManager | undefined {
  return MANAGERS[format];
}

/**
 * The smallest change to one lockfile's project that removes every version of
 * the package the advisory affects: for each affected version, a patch (the
 * lowest fixed version its dependents accept) or, for malware and advisories
 * without a fix, a revert (the newest older unaffected version); a direct
 * dependency gets its manifest range raised, a transitive one an override.
 */
export function planRemediation(input: PlanInput): RemediationPlan {
  const { graph, affected } = input;
  const manager = managerOf(graph.format);
  if (!manager) throw new TypeError(`${graph.path}: ${graph.format} is not a lockfile a package manager writes`);
  const nodes = [...graph.packages.values()]
    .filter((node) => node.name === affected.name && node.source === 'registry' && affected.affects(node.version))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const base = { advisory: affected.advisory.id, malware: affected.advisory.malware, package: affected.name, lockfile: graph.path, manager };
  if (nodes.length === 0) return { ...base, status: 'not-exposed', remedies: [], edits: [] };

  const strategy = affected.advisory.malware || affected.advisory.fixedVersions.length === 0 ? 'revert' : 'patch';
  const paths = indexPaths(graph);
  const remedies: VersionRemedy[] = [];
  const edits = new Map<string, ManifestEdit>();
  let manual = false;
  for (const node of nodes) {
    const requirements = requirementsOf(graph, node, input.declaredRanges);
    const ranges = requirements.map((r) => `${r.dependent} → ${r.range}`);
    const common = { from: node.version, strategy, paths: paths.pathsTo(node.id, 3), ranges } as const;
    const choice = strategy === 'patch'
      ? choosePatch(input.metadata, node.version, affected.affects, requirements)
      : chooseRevert(input.metadata, node.version, affected.affects, requirements, input.previousVersions);
    const parentUpdate = strategy === 'patch' ? findParentUpdate(graph, node, input.manifests, input.metadata, input.parentMetadata, affected.affects) : undefined;
    if (choice.version === undefined && !parentUpdate) {
      remedies.push({ ...common, reason: `cannot be done automatically: ${choice.reason}` });
      manual = true;
      continue;
    }
    const target = parentUpdate?.update.expected ?? choice.version!;
    const problems: string[] = [];
    const nodeEdits = parentUpdate ? [...parentUpdate.edits] : editsFor(input, node, target, strategy, manager, problems);
    for (const edit of nodeEdits) {
      const key = `${edit.manifest}\0${edit.key.join('\0')}`;
      const earlier = edits.get(key);
      if (earlier && earlier.to !== edit.to) problems.push(`${edit.key.join('.')} would need both ${earlier.to} and ${edit.to}`);
      else edits.set(key, edit);
    }
    if (problems.length > 0) {
      remedies.push({ ...common, to: target, reason: `cannot be done automatically: ${problems.join('; ')}` });
      manual = true;
      continue;
    }
    const accepted = ranges.length > 0 ? ' that every dependent range accepts' : '';
    if (parentUpdate) {
      const { name, from, to, range } = parentUpdate.update;
      remedies.push({ ...common, to: target, via: parentUpdate.update, reason: `${name} ${from} → ${to} within its declared range; ${name} ${to} requires ${range}, so the package manager locks ${target} (no override needed)` });
      continue;
    }
    const why = strategy === 'patch'
      ? `${target} is the lowest unaffected version above ${node.version}${accepted}`
      : 'previous' in choice && choice.previous
        ? `${target} is the version this lockfile had before ${node.version} (from its git history)${ranges.length > 0 ? ', and every dependent range accepts it' : ''}`
        : `${target} is the newest unaffected version released before ${node.version}${accepted}`;
    remedies.push({ ...common, to: target, reason: why });
  }
  return { ...base, status: manual ? 'manual' : 'ready', remedies, edits: manual ? [] : [...edits.values()] };
}

function editsFor(
  input: PlanInput,
  node: PackageNode,
  target: string,
  strategy: 'patch' | 'revert',
  manager: PackageManager,
  problems: string[],
): ManifestEdit[] {
  const edits: ManifestEdit[] = [];
  const name = node.name;
  let rootDeclares = false;
  for (const workspace of [...node.directIn].sort()) {
    const manifestPath = workspace === '.' ? 'package.json' : `${workspace}/package.json`;
    const manifest = input.manifests.get(workspace);
    const declared = manifest ? directDeclaration(manifest, name) : undefined;
    if (!declared) {
      problems.push(`${manifestPath} does not declare ${name}, though the lockfile says it does`);
      continue;
    }
    const raised = raisedRange(declared.range, target, strategy);
    if (raised === undefined) {
      problems.push(`${manifestPath} declares ${name} as ${JSON.stringify(declared.range)}, not a single version chaingate can raise`);
      continue;
    }
    if (workspace === '.') rootDeclares = true;
    edits.push({
      manifest: manifestPath,
      key: [declared.field, name],
      from: declared.range,
      to: raised,
      pin: raised === target ? undefined : target,
      why: strategy === 'patch' ? `direct dependency: raise the range above ${node.version}` : `direct dependency: pin back below ${node.version}`,
    });
  }
  const transitive = hasPackageDependents(input.graph, node);
  // npm refuses an override of a package the root declares directly; the raised range covers that case.
  if (transitive && !(manager === 'npm' && rootDeclares)) {
    const root = input.manifests.get('.') ?? {};
    edits.push(overrideEdit(manager, name, node.version, target, root, `transitive dependency: override ${name}@${node.version}`));
  }
  return edits;
}

function requirementsOf(graph: DependencyGraph, node: PackageNode, declared: PlanInput['declaredRanges']): Requirement[] {
  const out: Requirement[] = [];
  for (const dependent of graph.packages.values()) {
    for (const edge of dependent.dependencies) {
      if (edge.to !== node.id) continue;
      const range = declared?.get(dependent.id)?.get(edge.alias);
      if (range !== undefined) out.push({ dependent: edge.kind === 'peer' ? `${dependent.id} (peer)` : dependent.id, range });
    }
  }
  return out.sort((a, b) => (a.dependent < b.dependent ? -1 : 1));
}

function hasPackageDependents(graph: DependencyGraph, node: PackageNode): boolean {
  for (const dependent of graph.packages.values()) {
    if (dependent.dependencies.some((edge) => edge.to === node.id)) return true;
  }
  return false;
}
