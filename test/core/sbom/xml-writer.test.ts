import { Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { buildBom, serializeBom } from '../../../src/core/sbom/index.js';
import { writeXml } from '../../../src/core/sbom/xml-writer.js';
import { hostileGraph } from './hostile-graph.js';
import { newBuilder, npmPackage, sampleAppGraph, sampleMonorepoGraph } from './sample-graphs.js';

type Element = Serialize.XML.Types.SimpleXml.Element;

/** The library's own (xmlbuilder2) stringifier, reached through its protected hook. */
class LibraryXml extends Serialize.XmlSerializer {
  write(element: Element, space?: number): string {
    return this._serialize(element, { space });
  }
}
const library = new LibraryXml(new Serialize.XML.Normalize.Factory(Spec.Spec1dot6));
const OPTIONS = { root: { name: 'repo' }, toolVersion: '0.1.0', deterministic: true } as const;

function whitespaceGraph() {
  const b = newBuilder();
  b.addWorkspace('.', 'tab\there', 'line\r\nbreak');
  b.addWorkspaceEdge('.', b.addPackage(npmPackage('crlf', '1.0.0\r\n', { license: 'a\tb\nc\r' })), 'crlf', 'prod');
  return b.build();
}

describe('writeXml', () => {
  it.each([
    ['a small app', () => [sampleAppGraph()]],
    ['a monorepo', () => [sampleMonorepoGraph()]],
    ['hostile text', () => [hostileGraph()]],
    ['tabs and line breaks', () => [whitespaceGraph()]],
  ])('writes the same bytes as the library XmlSerializer, compact and indented: %s', (_, graphs) => {
    const bom = buildBom(graphs(), OPTIONS);
    for (const space of [undefined, 0, 2, 4]) {
      expect(serializeBom(bom, 'xml', { space })).toBe(library.serialize(bom, { sortLists: true, space }));
    }
  });

  it('matches the library on namespaces, comments, numbers, empty text and unset attributes', () => {
    const tree: Element = {
      type: 'element',
      name: 'root',
      namespace: 'urn:a',
      attributes: { n: 1, skip: undefined, q: 'say "hi" & <go>' },
      children: [
        { type: 'comment', text: 'dropped' } as unknown as Element,
        { type: 'element', name: 'same', namespace: 'urn:a', children: 'text & more' },
        { type: 'element', name: 'other', namespace: 'urn:b', children: [{ type: 'element', name: 'inner', children: 42 }] },
        { type: 'element', name: 'empty', children: [] },
        { type: 'element', name: 'blank', children: '' },
        { type: 'element', name: 'none' },
      ],
    };
    for (const space of [undefined, 2]) expect(writeXml(tree, space)).toBe(library.write(tree, space));
  });

  it('keeps tabs and line breaks in attributes as character references, so a reader gets them back', () => {
    const xml = writeXml({ type: 'element', name: 'e', attributes: { ref: 'a\tb\nc\rd' } });
    expect(xml).toContain('ref="a&#x9;b&#xA;c&#xD;d"');
    const doc = create(xml).node as unknown as { documentElement: { getAttribute(name: string): string | null } };
    expect(doc.documentElement.getAttribute('ref')).toBe('a\tb\nc\rd');
  });
});
