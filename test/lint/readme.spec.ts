import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { DEMO_PEOPLE } from '@zhongshu/org';

// The README is the first thing a new user follows: what it names must exist, in the
// repository they cloned, and who it says can sign in must be who can.

const root = fileURLToPath(new URL('../../', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', '.data', '.git', 'test-results', 'coverage']);

function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** Relative link targets: `[text](path#anchor)`, and file paths named in backticks (`docs/X.md`). */
function referencedPaths(text: string): string[] {
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]).filter((target) => !/^([a-z]+:|#)/i.test(target));
  const named = [...text.matchAll(/`(\.{1,2}\/[^`\s]+\.md)`/g)].map((match) => match[1]);
  return [...links, ...named].map((target) => target.split('#')[0]).filter((target) => target !== '');
}

const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('the README and the design notes', () => {
  it('links only to files inside the repository, and they exist', () => {
    const broken: string[] = [];
    for (const file of markdownFiles(root)) {
      for (const target of referencedPaths(readFileSync(file, 'utf8'))) {
        const path = resolve(dirname(file), target);
        const inside = path === root.replace(/\/$/, '') || path.startsWith(root.endsWith(sep) ? root : root + sep);
        if (!inside || !existsSync(path)) broken.push(`${relative(root, file)} -> ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('points at the architecture notes and the house style in docs/', () => {
    expect(readme).toContain('](docs/ARCHITECTURE.md)');
    expect(readme).toContain('](docs/STYLE.md)');
  });

  it('lists every demo person who can sign in, and names those who cannot', () => {
    const section = readme.slice(readme.indexOf('### Demo logins'), readme.indexOf('\n## ', readme.indexOf('### Demo logins')));
    const table = section.split('\n').filter((line) => line.startsWith('| `'));
    const listed = table.map((line) => /^\| `([^`]+)`/.exec(line)?.[1]);
    const logins = DEMO_PEOPLE.filter((person) => person.login).map((person) => person.username);
    expect(listed).toEqual(logins);

    const others = DEMO_PEOPLE.filter((person) => !person.login);
    const cannot = section.slice(section.indexOf('cannot sign in'));
    expect(others.filter((person) => !cannot.includes(`\`${person.username}\``))).toEqual([]);
    expect(section).toContain(`The other ${others.length} demo people`);
  });

  it('says the first `npm start` builds first and how long that takes', () => {
    expect(readme).toMatch(/first `npm start` builds[^.]*about half a\s+minute/);
  });
});
