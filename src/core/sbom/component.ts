import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import { PackageURL } from 'packageurl-js';
import { npmPurl } from '../graph/purl.js';
import type { PackageNode } from '../model.js';
import type { Artefact, GraphNode } from './artefacts.js';
import { hashesFromIntegrity } from './hashes.js';
import type { SharedModels } from './shared-models.js';
import { cleanText, distributionUrl } from './text.js';

/** Property cyclonedx-npm sets on packages only dev dependencies need. */
export const DEV_PROPERTY = 'cdx:npm:package:development';
export const LOCKFILE_PROPERTY = 'chaingate:lockfile';
export const INSTALL_SCRIPT_PROPERTY = 'chaingate:hasInstallScript';

/**
 * The library component for one artefact. Where its lockfiles disagree, the
 * first graph that records a fact gives it (licence, resolved URL); scope is
 * the widest any lockfile needs (required over optional over excluded); the
 * dev property only holds when every lockfile has the package as dev-only.
 * Licences and properties come from `shared`, made once per BOM.
 */
export function componentFromArtefact(artefact: Artefact, shared: SharedModels): Models.Component {
  const { members } = artefact;
  const first = (members[0] as GraphNode).node;
  const { group, name } = splitName(first);
  const component = new Models.Component(Enums.ComponentType.Library, name, {
    bomRef: artefact.bomRef,
    group,
    version: cleanText(first.version),
    purl: validPurl(first, artefact.purl),
    scope: widestScope(members),
  });

  for (const [algorithm, digest] of hashesFromIntegrity(firstDefined(members, integrityOf))) {
    component.hashes.set(algorithm, digest);
  }
  const license = shared.license(firstDefined(members, licenseOf));
  if (license) component.licenses.add(license);
  const url = firstDefined(members, distributionOf);
  if (url) component.externalReferences.add(new Models.ExternalReference(url, Enums.ExternalReferenceType.Distribution));

  if (members.every(isDev)) component.properties.add(shared.property(DEV_PROPERTY, 'true'));
  for (const path of lockfilePaths(members)) component.properties.add(shared.property(LOCKFILE_PROPERTY, path));
  const scripts = installScripts(members);
  if (scripts !== undefined) component.properties.add(shared.property(INSTALL_SCRIPT_PROPERTY, String(scripts)));
  return component;
}

const integrityOf = (node: PackageNode): string | undefined => node.integrity;
const licenseOf = (node: PackageNode): string | undefined => node.license;
const distributionOf = (node: PackageNode): string | undefined => distributionUrl(node.resolved);
const isDev = (member: GraphNode): boolean => member.node.dev;

/** The lockfiles holding an artefact, each once (one, for a repository with one lockfile). */
function lockfilePaths(members: readonly GraphNode[]): Iterable<string> {
  if (members.length === 1) return [(members[0] as GraphNode).graph.path];
  return new Set(members.map((m) => m.graph.path));
}

/** npm scopes go to `group` (`@babel/core` → group `@babel`, name `core`), as cyclonedx-npm does. */
function splitName(node: PackageNode): { group: string | undefined; name: string } {
  const name = cleanText(node.name);
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  if (node.ecosystem !== 'npm' || slash <= 1 || slash === name.length - 1) return { group: undefined, name };
  return { group: name.slice(0, slash), name: name.slice(slash + 1) };
}

/**
 * The node's purl if it is one. The purls chaingate's own parsers build are
 * trusted without a re-parse (that is the hot path); any other string (from
 * an imported SBOM, say) must survive packageurl-js, or the component has no
 * purl rather than a wrong one.
 */
function validPurl(node: PackageNode, purl: string): string | undefined {
  if (purl === '') return undefined;
  if (node.ecosystem === 'npm' && purl === npmPurl(node.name, node.version)) return purl;
  try {
    PackageURL.fromString(purl);
    return purl;
  } catch {
    return undefined;
  }
}

const SCOPE_ORDER = [Enums.ComponentScope.Excluded, Enums.ComponentScope.Optional, Enums.ComponentScope.Required];

function widestScope(members: readonly GraphNode[]): Enums.ComponentScope {
  let widest = 0;
  for (const { node } of members) {
    // CycloneDX: dev-only packages are "excluded" from the runtime; optional ones "optional".
    const rank = node.dev ? 0 : node.optional ? 1 : 2;
    if (rank > widest) widest = rank;
  }
  return SCOPE_ORDER[widest] as Enums.ComponentScope;
}

function installScripts(members: readonly GraphNode[]): boolean | undefined {
  let known: boolean | undefined;
  for (const { node } of members) {
    if (node.hasInstallScript === true) return true;
    if (node.hasInstallScript === false) known = false;
  }
  return known;
}

function firstDefined<T>(members: readonly GraphNode[], pick: (node: PackageNode) => T | undefined): T | undefined {
  for (const { node } of members) {
    const value = pick(node);
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}
