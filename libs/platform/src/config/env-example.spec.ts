import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './app-config.js';

const read = (relative: string): string => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');

describe('.env.example', () => {
  it('documents every variable the configuration reads', () => {
    const sources = [read('./app-config.ts'), read('../../../../apps/worker/src/main.ts')].join('\n');
    const readNames = new Set(
      [...sources.matchAll(/read\.\w+\(\s*'([A-Z][A-Z0-9_]*)'/g), ...sources.matchAll(/env\.([A-Z][A-Z0-9_]*)/g)].map((match) => match[1]),
    );
    const documented = new Set([...read('../../../../.env.example').matchAll(/^#?\s?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));
    const missing = [...readNames].filter((name) => !documented.has(name));
    expect(readNames.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('shows the defaults: its values give the configuration an empty environment gives', () => {
    const shown = Object.fromEntries([...read('../../../../.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => [match[1], match[2]]));
    expect(Object.keys(shown).length).toBeGreaterThan(10);
    expect(loadConfig(shown, '/srv/zhongshu')).toEqual(loadConfig({}, '/srv/zhongshu'));
  });
});
