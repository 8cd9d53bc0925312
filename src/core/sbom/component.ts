import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import { PackageURL } from 'packageurl-js';
import { npmPurl } from '../graph/purl.js';
import type { PackageNode } from '../model.js';
import type { Artefact } from './artefacts.js';
import { hashesFromIntegrity } from './hashes.js';
import { licenseFromText } from './licenses.js';
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
 */
export function componentFromArtefact(artefact: Artefact): Models.Component {
  const nodes = artefact.members.map((m) => m.node);
  const first = nodes[0] as PackageNode;
  const { group, name } = splitName(first);
  const component = new Models.Component(Enums.ComponentType.Library, name, {
    bomRef: artefact.bomRef,
    group,
    version: cleanText(first.version),
    purl: validPurl(first, artefact.purl),
    scope: widestScope(nodes),
  });

  for (const [algorithm, digest] of hashesFromIntegrity(firstDefined(nodes, (n) => n.integrity))) {
    component.hashes.set(algorithm, digest);
  }
  const license = licenseFromText(firstDefined(nodes, (n) => n.license));
  if (license) component.licenses.add(license);
  const url = firstDefined(nodes, (n) => distributionUrl(n.resolved));
  if (url) component.externalReferences.add(new Models.ExternalReference(url, Enums.ExternalReferenceType.Distribution));

  if (nodes.every((n) => n.dev)) component.properties.add(new Models.Property(DEV_PROPERTY, 'true'));
  for (const path of new Set(artefact.members.map((m) => m.graph.path))) {
    component.properties.add(new Models.Property(LOCKFILE_PROPERTY, cleanText(path)));
  }
  const scripts = installScripts(nodes);
  if (scripts !== undefined) component.properties.add(new Models.Property(INSTALL_SCRIPT_PROPERTY, String(scripts)));
  return component;
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

function widestScope(nodes: readonly PackageNode[]): Enums.ComponentScope {
  let widest = 0;
  for (const node of nodes) {
    // CycloneDX: dev-only packages are "excluded" from the runtime; optional ones "optional".
    const rank = node.dev ? 0 : node.optional ? 1 : 2;
    if (rank > widest) widest = rank;
  }
  return SCOPE_ORDER[widest] as Enums.ComponentScope;
}

function installScripts(nodes: readonly PackageNode[]): boolean | undefined {
  let known: boolean | undefined;
  for (const node of nodes) {
    if (node.hasInstallScript === true) return true;
    if (node.hasInstallScript === false) known = false;
  }
  return known;
}

function firstDefined<T>(nodes: readonly PackageNode[], pick: (node: PackageNode) => T | undefined): T | undefined {
  for (const node of nodes) {
    const value = pick(node);
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}
