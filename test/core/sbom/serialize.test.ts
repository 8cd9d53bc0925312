import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../../src/core/model.js';
import { buildBom, serializeBom, type BomOptions } from '../../../src/core/sbom/index.js';
import { HOSTILE, hostileGraph } from './hostile-graph.js';
import { EMPTY_SHA512_SRI, newBuilder, npmPackage, sampleAppGraph, sampleMonorepoGraph } from './sample-graphs.js';

const OPTIONS: BomOptions = { root: { name: 'repo', version: '1.0.0' }, toolVersion: '0.1.0', deterministic: true };
const LIBRARY_DIR = dirname(createRequire(import.meta.url).resolve('@cyclonedx/cyclonedx-library/package.json'));
const XSD = join(LIBRARY_DIR, 'res', 'schema', 'bom-1.6.SNAPSHOT.xsd');

const CASES: ReadonlyArray<readonly [string, () => DependencyGraph[]]> = [
  ['a small app', () => [sampleAppGraph()]],
  ['a monorepo with a workspace', () => [sampleMonorepoGraph()]],
  ['two lockfiles sharing packages', () => [sampleAppGraph(), sampleAppGraph('tools/package-lock.json'), sampleMonorepoGraph()]],
  ['hostile names, versions and licences', () => [hostileGraph()]],
];

const XMLLINT = hasXmllint();
const LIBXMLJS2 = resolvesFromLibrary('libxmljs2');

describe('serializeBom JSON', () => {
  const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

  it.each(CASES)('validates against the CycloneDX 1.6 JSON schema: %s', async (_, graphs) => {
    const json = serializeBom(buildBom(graphs(), OPTIONS), 'json');
    expect(await validator.validate(json)).toBeNull();
  });

  it('validates with a timestamp and serial number too', async () => {
    const bom = buildBom([sampleAppGraph()], {
      ...OPTIONS,
      deterministic: false,
      timestamp: new Date('2025-01-02T03:04:05.000Z'),
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    });
    const json = serializeBom(bom, 'json');
    expect(await validator.validate(json)).toBeNull();
    expect(JSON.parse(json)).toMatchObject({
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      metadata: { timestamp: '2025-01-02T03:04:05.000Z' },
    });
  });

  it('catches a schema violation (the validator is live)', async () => {
    const json = JSON.parse(serializeBom(buildBom([sampleAppGraph()], OPTIONS), 'json')) as { components: Array<{ scope: string }> };
    (json.components[0] as { scope: string }).scope = 'sometimes';
    expect(await validator.validate(JSON.stringify(json))).not.toBeNull();
  });

  it('carries hostile text through JSON unchanged except for XML-invalid characters', () => {
    const json = JSON.parse(serializeBom(buildBom([hostileGraph()], { ...OPTIONS, root: { name: HOSTILE.root } }), 'json'));
    expect(json.metadata.component.name).toBe(HOSTILE.root);
    const evil = json.components.find((c: { name: string }) => c.name === HOSTILE.name);
    expect(evil).toMatchObject({ version: HOSTILE.version, licenses: [{ license: { name: '<b>MIT & "friends"</b>\uFFFD' } }] });
    expect(evil.hashes).toBeUndefined();
    expect(evil.externalReferences[0].url).toBe('https://registry.example.com/a%22b%3Cc%3E/-/x.tgz');
  });
});

describe('serializeBom XML', () => {
  it.each(CASES)('is well-formed and names every component: %s', (_, graphs) => {
    const bom = buildBom(graphs(), OPTIONS);
    const xml = serializeBom(bom, 'xml');
    const doc = create(xml).end({ format: 'object' }) as { bom: { '@xmlns': string; '@version': string } };
    expect(doc.bom['@xmlns']).toBe('http://cyclonedx.org/schema/bom/1.6');
    for (const component of bom.components) expect(xml).toContain(`bom-ref="${escapeXml(component.bomRef.toString())}"`);
  });

  it.skipIf(!XMLLINT).each(CASES)('validates against bom-1.6.SNAPSHOT.xsd with xmllint (skipped without xmllint: apt-get install libxml2-utils): %s', (_, graphs) => {
    expect(xmllint(serializeBom(buildBom(graphs(), OPTIONS), 'xml'))).toMatch(/validates/);
  });

  it.skipIf(!XMLLINT)('xmllint rejects an element the XSD does not allow (the check is live)', () => {
    const xml = serializeBom(buildBom([sampleAppGraph()], OPTIONS), 'xml').replace('<components>', '<components><bogus/>');
    expect(() => xmllint(xml)).toThrow();
  });

  it.skipIf(!LIBXMLJS2)('validates with the library XmlValidator (skipped unless the optional native libxmljs2 is installed)', async () => {
    const validator = new Validation.XmlValidator(Spec.Version.v1dot6);
    for (const [, graphs] of CASES) expect(await validator.validate(serializeBom(buildBom(graphs(), OPTIONS), 'xml'))).toBeNull();
  });

  it('escapes hostile text and reads it back intact', () => {
    const xml = serializeBom(buildBom([hostileGraph()], { ...OPTIONS, root: { name: HOSTILE.root } }), 'xml');
    expect(xml).not.toContain('evil<');
    expect(xml).not.toContain('<b>');
    expect(xml).toContain('evil&lt;&amp;');
    expect(xml).toContain('bom-ref="workspace:x&amp;&lt;y&gt;"');
    const doc = create(xml).node as unknown as MiniDocument;
    const texts = (tag: string): string[] => [...doc.getElementsByTagName(tag)].map((e) => e.textContent ?? '');
    expect(texts('name')).toEqual(expect.arrayContaining([HOSTILE.root, HOSTILE.name, HOSTILE.workspace, '<b>MIT & "friends"</b>\uFFFD']));
    expect(texts('version')).toContain(HOSTILE.version);
    const refs = [...doc.getElementsByTagName('component')].map((e) => e.getAttribute('bom-ref'));
    expect(refs).toContain('workspace:x&<y>');
  });
});

describe('serializeBom determinism', () => {
  it('gives identical bytes for two deterministic builds, with no timestamp or serial number', () => {
    for (const format of ['json', 'xml'] as const) {
      const first = serializeBom(buildBom([sampleAppGraph(), sampleMonorepoGraph()], OPTIONS), format);
      const second = serializeBom(buildBom([sampleAppGraph(), sampleMonorepoGraph()], OPTIONS), format);
      expect(second).toBe(first);
      expect(first).not.toMatch(/serialNumber|timestamp/);
    }
  });

  it('does not depend on the order packages and edges were read in', () => {
    const build = (reverse: boolean): DependencyGraph => {
      const b = newBuilder();
      const names = ['a', 'b', 'c', '@s/d'];
      const ids = (reverse ? [...names].reverse() : names).map((n) => b.addPackage(npmPackage(n, '1.0.0', { integrity: EMPTY_SHA512_SRI, license: 'MIT' })));
      for (const id of reverse ? [...ids].reverse() : ids) b.addWorkspaceEdge('.', id, id, 'prod');
      const [first, ...rest] = ids.slice().sort();
      for (const id of reverse ? rest.reverse() : rest) b.addPackageEdge(first as string, id, id, 'prod');
      return b.build();
    };
    expect(serializeBom(buildBom([build(true)], OPTIONS), 'json')).toBe(serializeBom(buildBom([build(false)], OPTIONS), 'json'));
    expect(serializeBom(buildBom([build(true)], OPTIONS), 'xml')).toBe(serializeBom(buildBom([build(false)], OPTIONS), 'xml'));
  });

  it('indents only when asked', () => {
    const bom = buildBom([sampleAppGraph()], OPTIONS);
    expect(serializeBom(bom, 'json')).not.toContain('\n');
    expect(serializeBom(bom, 'json', { space: 2 })).toContain('\n  "bomFormat"');
  });
});

/** The part of the DOM (as xmlbuilder2 implements it) these tests read; the project compiles without lib.dom. */
interface MiniDocument {
  getElementsByTagName(tag: string): Iterable<{ textContent: string | null; getAttribute(name: string): string | null }>;
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function hasXmllint(): boolean {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function resolvesFromLibrary(name: string): boolean {
  try {
    createRequire(join(LIBRARY_DIR, 'package.json')).resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** Runs xmllint against the library's XSD; returns its report, throws when the document is invalid. */
function xmllint(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'chaingate-sbom-'));
  try {
    const file = join(dir, 'bom.xml');
    writeFileSync(file, xml);
    return execFileSync('xmllint', ['--noout', '--nonet', '--schema', XSD, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) +
      'validates';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
