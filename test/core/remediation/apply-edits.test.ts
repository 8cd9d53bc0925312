import { describe, expect, it } from 'vitest';
import { applyManifestEdits } from '../../../src/core/remediation/index.js';

const manifest = '{\n    "name": "app",\n    "dependencies": {\n        "minimist": "^1.2.5",\n        "zod": "4.0.0"\n    }\n}\n';

describe('applyManifestEdits', () => {
  it('changes only the planned values, keeping key order, indentation and the final newline', () => {
    const out = applyManifestEdits(manifest, [{ manifest: 'package.json', key: ['dependencies', 'minimist'], from: '^1.2.5', to: '^1.2.6', pin: '1.2.6', why: '' }]);
    expect(out).toBe(manifest.replace('^1.2.5', '^1.2.6'));
  });

  it('creates the override section, and writes pins instead of ranges on request', () => {
    const edits = [
      { manifest: 'package.json', key: ['pnpm', 'overrides', 'minimist@1.2.5'], to: '1.2.6', why: '' },
      { manifest: 'package.json', key: ['dependencies', 'minimist'], to: '^1.2.6', pin: '1.2.6', why: '' },
    ];
    const out = JSON.parse(applyManifestEdits(manifest, edits, { pinned: true }));
    expect(out.pnpm).toEqual({ overrides: { 'minimist@1.2.5': '1.2.6' } });
    expect(out.dependencies.minimist).toBe('1.2.6');
  });

  it('refuses to write through a value that is not an object', () => {
    expect(() => applyManifestEdits('{"overrides": "x"}', [{ manifest: 'package.json', key: ['overrides', 'minimist@1.2.5'], to: '1.2.6', why: '' }])).toThrow(/overrides is not an object/);
    expect(() => applyManifestEdits('[1]', [])).toThrow(/not a JSON object/);
  });
});
