import { ParseError } from '../../core/errors.js';
import { GraphBuilder } from '../../core/graph/builder.js';
import type { DependencyGraph, DependencyKind } from '../../core/model.js';
import { quote } from '../shared/names.js';
import { assertTextSize, isRecord, optionalString, parseJson } from '../shared/text.js';
import type { ParseOptions } from '../types.js';
import {
  genericIdentity,
  identityFromPurl,
  integrityFromHashes,
  sourceOf,
  type SbomIdentity,
} from '../cyclonedx/sbom-package.js';

/** Relationship types that are edges, with the direction they point in and the kind of edge they make. */
const EDGE_TYPES: Readonly<Record<string, readonly [forward: boolean, kind: DependencyKind]>> = {
  DEPENDS_ON: [true, 'prod'],
  DEPENDENCY_OF: [false, 'prod'],
  RUNTIME_DEPENDENCY_OF: [false, 'prod'],
  DEV_DEPENDENCY_OF: [false, 'dev'],
  TEST_DEPENDENCY_OF: [false, 'dev'],
  BUILD_DEPENDENCY_OF: [false, 'dev'],
  OPTIONAL_DEPENDENCY_OF: [false, 'optional'],
};

interface Node {
  readonly id: string;
  readonly name: string;
}

/**
 * Reads an SPDX 2.x JSON document (GitHub's dependency-graph export, or the
 * same document wrapped in the API's `{ "sbom": … }` response) into a
 * {@link DependencyGraph}. The package the document DESCRIBES is the root
 * workspace `.`; DEPENDS_ON and the *_DEPENDENCY_OF relationships are edges.
 * @throws {ParseError} for every input that is not a readable SPDX 2.x JSON document
 */
export async function parseSpdx(content: string, options: ParseOptions): Promise<DependencyGraph> {
  const { path, limits } = options;
  assertTextSize(content, path, limits);
  const parsed = parseJson(content, path);
  const doc = isRecord(parsed) && isRecord(parsed['sbom']) ? parsed['sbom'] : parsed;
  if (!isRecord(doc) || typeof doc['spdxVersion'] !== 'string') {
    throw new ParseError('UNKNOWN_FORMAT', path, 'is not an SPDX JSON document (no "spdxVersion")');
  }
  const spdxVersion = doc['spdxVersion'];
  const match = /^SPDX-(2\.\d+)$/.exec(spdxVersion);
  if (!match?.[1]) throw new ParseError('UNSUPPORTED_VERSION', path, `has spdxVersion ${quote(spdxVersion)}; chaingate reads SPDX-2.x`);
  // Absent is an empty list; present must be a list (`null` is not: it hides what a tool meant to write).
  const packages = doc['packages'] === undefined ? [] : doc['packages'];
  const relationships = doc['relationships'] === undefined ? [] : doc['relationships'];
  if (!Array.isArray(packages)) throw new ParseError('MALFORMED', path, `has "packages" that is ${describeValue(packages)}, not an array`);
  if (!Array.isArray(relationships)) {
    throw new ParseError('MALFORMED', path, `has "relationships" that is ${describeValue(relationships)}, not an array`);
  }
  const documentId = optionalString(doc['SPDXID']) ?? 'SPDXRef-DOCUMENT';
  const rootId = describedPackage(doc, relationships, documentId);

  const builder = new GraphBuilder({ path, format: 'spdx-json', formatVersion: match[1], limits });
  const nodes = new Map<string, Node>();
  const elements = new Set<string>([documentId]);
  for (const pkg of packages) {
    if (!isRecord(pkg)) throw new ParseError('MALFORMED', path, 'holds a package that is not an object');
    const spdxId = optionalString(pkg['SPDXID']);
    if (spdxId === undefined) throw new ParseError('MALFORMED', path, 'holds a package without an SPDXID');
    if (elements.has(spdxId)) throw new ParseError('CONFLICT', path, `holds the SPDXID ${quote(spdxId)} twice`);
    elements.add(spdxId);
    if (spdxId === rootId) {
      builder.addWorkspace('.', optionalString(pkg['name']), optionalString(pkg['versionInfo']));
      continue;
    }
    const identity = packageIdentity(pkg, path);
    const resolved = assertion(pkg['downloadLocation']);
    const id = builder.addPackage({
      ecosystem: identity.ecosystem,
      name: identity.name,
      version: identity.version,
      purl: identity.purl,
      resolved,
      integrity: integrityFromHashes(checksums(pkg['checksums'])),
      source: sourceOf(resolved, identity.qualifiers),
      license: assertion(pkg['licenseConcluded']) ?? assertion(pkg['licenseDeclared']),
    });
    nodes.set(spdxId, { id, name: identity.name });
  }
  builder.addWorkspace('.');

  for (const relationship of relationships) {
    if (!isRecord(relationship)) throw new ParseError('MALFORMED', path, 'holds a relationship that is not an object');
    const type = optionalString(relationship['relationshipType']);
    const edge = type === undefined ? undefined : EDGE_TYPES[type];
    if (!edge) continue; // DESCRIBES, CONTAINS and the like are not dependency edges
    const [forward, kind] = edge;
    const a = optionalString(relationship['spdxElementId']);
    const b = optionalString(relationship['relatedSpdxElement']);
    if (a === undefined || b === undefined) throw new ParseError('MALFORMED', path, `a ${type} relationship lacks an element id`);
    const [from, to] = forward ? [a, b] : [b, a];
    // Elements of other documents (`DocumentRef-…:SPDXRef-…`) are outside this graph.
    if (from.startsWith('DocumentRef-') || to.startsWith('DocumentRef-')) continue;
    for (const ref of [from, to]) {
      if (!elements.has(ref)) throw new ParseError('MALFORMED', path, `a ${type} relationship names ${quote(ref)}, which no package has`);
    }
    const target = nodes.get(to);
    if (!target) continue; // an edge to the root or the document
    const source = nodes.get(from);
    if (source) builder.addPackageEdge(source.id, target.id, target.name, kind);
    else if (from === rootId || from === documentId) builder.addWorkspaceEdge('.', target.id, target.name, kind);
  }
  return builder.build();
}

/** The package the document describes: `documentDescribes`, else the first DESCRIBES relationship. */
function describedPackage(doc: Record<string, unknown>, relationships: unknown[], documentId: string): string | undefined {
  const describes = doc['documentDescribes'];
  if (Array.isArray(describes) && typeof describes[0] === 'string') return describes[0];
  for (const r of relationships) {
    if (isRecord(r) && r['relationshipType'] === 'DESCRIBES' && r['spdxElementId'] === documentId) {
      return optionalString(r['relatedSpdxElement']);
    }
  }
  return undefined;
}

function packageIdentity(pkg: Record<string, unknown>, path: string): SbomIdentity {
  const version = optionalString(pkg['versionInfo']);
  const refs = Array.isArray(pkg['externalRefs']) ? pkg['externalRefs'] : [];
  for (const ref of refs) {
    if (isRecord(ref) && ref['referenceType'] === 'purl' && typeof ref['referenceLocator'] === 'string') {
      return identityFromPurl(ref['referenceLocator'], version, path);
    }
  }
  const name = optionalString(pkg['name']);
  if (name === undefined) throw new ParseError('MALFORMED', path, 'holds a package without a name or purl');
  return genericIdentity(name, version, path);
}

function checksums(list: unknown): { alg: string; hex: string }[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).flatMap((c) => {
    const alg = optionalString(c['algorithm']);
    const hex = optionalString(c['checksumValue']);
    return alg && hex ? [{ alg, hex }] : [];
  });
}

/** SPDX writes NOASSERTION or NONE where it knows nothing; those are not values. */
function assertion(value: unknown): string | undefined {
  return typeof value === 'string' && value !== 'NOASSERTION' && value !== 'NONE' && value !== '' ? value : undefined;
}

function describeValue(value: unknown): string {
  return value === null ? 'null' : typeof value;
}
