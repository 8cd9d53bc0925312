import { ParseError } from '../../core/errors.js';
import { GraphBuilder } from '../../core/graph/builder.js';
import type { Limits } from '../../core/limits.js';
import type { DependencyGraph, DependencyKind } from '../../core/model.js';
import { quote } from '../shared/names.js';
import { assertTextSize, isRecord, optionalString, parseJson } from '../shared/text.js';
import type { ParseOptions } from '../types.js';
import { componentLicense, componentResolved, componentHashes, isDevelopment } from './component.js';
import { genericIdentity, identityFromPurl, integrityFromHashes, sourceOf } from './sbom-package.js';

export const SUPPORTED_SPEC_VERSIONS: readonly string[] = ['1.4', '1.5', '1.6'];

interface Node {
  readonly id: string;
  readonly kind: DependencyKind;
  readonly name: string;
}

/**
 * Reads a CycloneDX JSON BOM into a {@link DependencyGraph}: components (nested
 * ones too) are packages, `metadata.component` is the root workspace `.`, and
 * the `dependencies` section gives the edges.
 * @throws {ParseError} for every input that is not a readable CycloneDX JSON BOM
 */
export async function parseCycloneDx(content: string, options: ParseOptions): Promise<DependencyGraph> {
  const { path, limits } = options;
  assertTextSize(content, path, limits);
  const bom = parseJson(content, path);
  if (!isRecord(bom) || bom['bomFormat'] !== 'CycloneDX') {
    throw new ParseError('UNKNOWN_FORMAT', path, 'is not a CycloneDX BOM (no "bomFormat": "CycloneDX")');
  }
  const specVersion = bom['specVersion'];
  if (typeof specVersion !== 'string' || !SUPPORTED_SPEC_VERSIONS.includes(specVersion)) {
    throw new ParseError('UNSUPPORTED_VERSION', path, `has specVersion ${quote(String(specVersion))}; chaingate reads CycloneDX ${SUPPORTED_SPEC_VERSIONS.join(', ')}`);
  }
  const builder = new GraphBuilder({ path, format: 'cyclonedx-json', formatVersion: specVersion, limits });
  const metadata = isRecord(bom['metadata']) ? bom['metadata'] : {};
  const root = isRecord(metadata['component']) ? metadata['component'] : undefined;
  const rootRef = root ? optionalString(root['bom-ref']) : undefined;
  builder.addWorkspace('.', root ? optionalString(root['name']) : undefined, root ? optionalString(root['version']) : undefined);

  const nodes = new Map<string, Node>();
  const seenRefs = new Set<string>(rootRef === undefined ? [] : [rootRef]);
  const addComponents = (list: unknown, depth: number): void => {
    if (list === undefined) return;
    if (!Array.isArray(list)) throw new ParseError('MALFORMED', path, '"components" is not an array');
    if (depth > limits.maxDepth) throw new ParseError('LIMIT_EXCEEDED', path, `nests components deeper than ${limits.maxDepth} levels`);
    for (const component of list) {
      if (!isRecord(component)) throw new ParseError('MALFORMED', path, 'holds a component that is not an object');
      const ref = optionalString(component['bom-ref']);
      if (ref !== undefined) {
        if (seenRefs.has(ref)) throw new ParseError('CONFLICT', path, `holds the bom-ref ${quote(ref)} twice`);
        seenRefs.add(ref);
      }
      const node = addComponent(component, builder, path);
      if (ref !== undefined) nodes.set(ref, node);
      addComponents(component['components'], depth + 1);
    }
  };
  addComponents(bom['components'], 1);
  // Components nested inside the root component (some generators put them there) are packages too.
  if (root) addComponents(root['components'], 2);

  readDependencies(bom['dependencies'], { nodes, rootRef, builder, path, limits });
  return builder.build();
}

function addComponent(component: Record<string, unknown>, builder: GraphBuilder, path: string): Node {
  const name = optionalString(component['name']);
  if (name === undefined) throw new ParseError('MALFORMED', path, 'holds a component without a name');
  const version = optionalString(component['version']);
  const purl = optionalString(component['purl']);
  const group = optionalString(component['group']);
  const identity = purl
    ? identityFromPurl(purl, version, path)
    : genericIdentity(group ? `${group}/${name}` : name, version, path);
  const resolved = componentResolved(component);
  const scope = optionalString(component['scope']);
  const id = builder.addPackage({
    ecosystem: identity.ecosystem,
    name: identity.name,
    version: identity.version,
    purl: identity.purl,
    resolved,
    integrity: integrityFromHashes(componentHashes(component)),
    source: sourceOf(resolved, identity.qualifiers),
    license: componentLicense(component),
  });
  // CycloneDX has no edge kinds, so an edge takes the kind of the component it leads to.
  const kind: DependencyKind =
    isDevelopment(component) || scope === 'excluded' ? 'dev' : scope === 'optional' ? 'optional' : 'prod';
  return { id, kind, name: identity.name };
}

interface DependencyContext {
  readonly nodes: ReadonlyMap<string, Node>;
  readonly rootRef: string | undefined;
  readonly builder: GraphBuilder;
  readonly path: string;
  readonly limits: Limits;
}

function readDependencies(dependencies: unknown, context: DependencyContext): void {
  const { nodes, rootRef, builder, path } = context;
  if (dependencies === undefined) return;
  if (!Array.isArray(dependencies)) throw new ParseError('MALFORMED', path, '"dependencies" is not an array');
  const seen = new Set<string>();
  const known = (ref: string): boolean => ref === rootRef || nodes.has(ref);
  for (const dependency of dependencies) {
    if (!isRecord(dependency)) throw new ParseError('MALFORMED', path, 'holds a dependency that is not an object');
    const ref = optionalString(dependency['ref']);
    if (ref === undefined) throw new ParseError('MALFORMED', path, 'holds a dependency without a "ref"');
    if (!known(ref)) throw new ParseError('MALFORMED', path, `"dependencies" names the bom-ref ${quote(ref)}, which no component has`);
    if (seen.has(ref)) throw new ParseError('CONFLICT', path, `"dependencies" lists the bom-ref ${quote(ref)} twice`);
    seen.add(ref);
    const dependsOn = dependency['dependsOn'] ?? [];
    if (!Array.isArray(dependsOn)) throw new ParseError('MALFORMED', path, `dependsOn of ${quote(ref)} is not an array`);
    for (const targetRef of dependsOn) {
      if (typeof targetRef !== 'string' || !known(targetRef)) {
        throw new ParseError('MALFORMED', path, `${quote(ref)} depends on ${quote(String(targetRef))}, which no component has`);
      }
      const target = nodes.get(targetRef);
      if (!target) continue; // an edge back to the root component
      const from = nodes.get(ref);
      if (from) builder.addPackageEdge(from.id, target.id, target.name, target.kind);
      else builder.addWorkspaceEdge('.', target.id, target.name, target.kind);
    }
  }
}
