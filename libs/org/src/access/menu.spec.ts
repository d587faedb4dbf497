import { describe, expect, it } from '@jest/globals';
import { MENU, menuFor } from './menu.js';

describe('menuFor', () => {
  it('keeps only entries the person may open and drops emptied groups', () => {
    const menu = menuFor(new Set(['org:person:read']));
    expect(menu.map((node) => node.key)).toEqual(['dashboard', 'org']);
    expect(menu[1].children?.map((node) => node.key)).toEqual(['org-people']);
  });

  it('gives the whole menu to someone holding every permission', () => {
    const everything = new Set(MENU.flatMap((node) => [node.permission, ...(node.children ?? []).map((child) => child.permission)]).filter((code): code is string => !!code));
    expect(menuFor(everything)).toEqual(MENU);
  });
});
