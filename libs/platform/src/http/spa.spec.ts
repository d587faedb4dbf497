import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SpaBundle } from './spa.js';

function bundle(): SpaBundle {
  const root = mkdtempSync(join(tmpdir(), 'spa-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<html></html>');
  writeFileSync(join(root, 'assets', 'app-1a2b.js'), '');
  const loaded = SpaBundle.load(root);
  if (!loaded) throw new Error('bundle did not load');
  return loaded;
}

describe('SpaBundle', () => {
  it('is absent when the SPA has not been built', () => {
    expect(SpaBundle.load(join(tmpdir(), 'no-such-spa'))).toBeUndefined();
    expect(SpaBundle.load(undefined)).toBeUndefined();
  });

  it('sends client-side routes to index.html and leaves API and files alone', () => {
    const spa = bundle();
    expect(spa.rewrite('GET', '/crm/contracts/42?tab=lines')).toBe('/');
    expect(spa.rewrite('GET', '/assets/app-1a2b.js')).toBe('/assets/app-1a2b.js');
    expect(spa.rewrite('GET', '/api/v1/anything')).toBe('/api/v1/anything');
    expect(spa.rewrite('POST', '/crm/contracts')).toBe('/crm/contracts');
  });

  it('answers a missing file with 404 rather than the app shell', () => {
    expect(bundle().rewrite('GET', '/assets/old-hash.js')).toBe('/assets/old-hash.js');
  });
});
