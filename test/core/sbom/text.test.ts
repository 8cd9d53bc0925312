import { describe, expect, it } from 'vitest';
import { distributionUrl } from '../../../src/core/sbom/text.js';

/** What the WHATWG parser makes of `text`, credentials removed: the result distributionUrl must always give. */
function parsed(text: string): string {
  const url = new URL(text);
  url.username = '';
  url.password = '';
  return url.href;
}

describe('distributionUrl', () => {
  it('keeps registry tarball URLs as they are', () => {
    const urls = [
      'https://registry.npmjs.org/@babel/core/-/core-7.26.0.tgz',
      'https://registry.npmjs.org/@babel%2fcore/-/core-7.26.0.tgz',
      'http://npm.example.internal/left-pad/-/left-pad-1.3.0.tgz',
      'https://registry.yarnpkg.com/js-tokens/-/js-tokens-4.0.0.tgz',
    ];
    for (const url of urls) expect(distributionUrl(url)).toBe(url);
  });

  it('gives what the WHATWG parser gives for URLs it would rewrite', () => {
    const urls = [
      'https://REGISTRY.npmjs.org/a/-/a-1.0.0.tgz',
      'HTTPS://registry.npmjs.org/a/-/a-1.0.0.tgz',
      'https://registry.npmjs.org/a/./b/../a-1.0.0.tgz',
      'https://registry.npmjs.org/a/%2e%2E/a-1.0.0.tgz',
      'https://registry.npmjs.org/a/.%2e/a-1.0.0.tgz',
      'https://registry.npmjs.org/a/..',
      'https://registry.npmjs.org:443/a/-/a-1.0.0.tgz',
      'https://registry.npmjs.org',
      'https://0x7f.1/a/-/a-1.0.0.tgz',
      'https://127.0.0.1/a/-/a-1.0.0.tgz',
      'https://xn--nxasmq6b.example/a.tgz',
      'https://bücher.example/a.tgz',
      'https://registry.npmjs.org/a b/{x}/`y`/a.tgz',
      'https://registry.npmjs.org/a\\b.tgz',
      'https://registry.npmjs.org/a.tgz?token=1#frag',
      'https://registry.npmjs.org./a.tgz',
    ];
    for (const url of urls) expect(distributionUrl(url), url).toBe(parsed(url));
  });

  it('removes credentials', () => {
    expect(distributionUrl('https://user:secret@registry.example.com/a/-/a-1.0.0.tgz')).toBe('https://registry.example.com/a/-/a-1.0.0.tgz');
    expect(distributionUrl('https://TOKEN@registry.example.com/a.tgz')).toBe('https://registry.example.com/a.tgz');
  });

  it('records no distribution for other schemes or unparsable URLs', () => {
    expect(distributionUrl('git+ssh://git@github.com/a/b.git')).toBeUndefined();
    expect(distributionUrl('file:../a.tgz')).toBeUndefined();
    expect(distributionUrl('https://exa mple.com/a.tgz')).toBeUndefined();
    expect(distributionUrl(undefined)).toBeUndefined();
  });
});
