import { describe, expect, it } from '@jest/globals';
import { DepartmentTree } from './department-tree.js';

//   hq
//   ├── sales ── east ── team
//   └── prod
const tree = new DepartmentTree([
  { id: 'hq', parentId: null },
  { id: 'sales', parentId: 'hq' },
  { id: 'east', parentId: 'sales' },
  { id: 'team', parentId: 'east' },
  { id: 'prod', parentId: 'hq' },
]);

describe('DepartmentTree', () => {
  it('lists a subtree, the department included', () => {
    expect(tree.subtree('sales').sort()).toEqual(['east', 'sales', 'team']);
    expect(tree.subtree('prod')).toEqual(['prod']);
    expect(tree.subtree('hq')).toHaveLength(5);
  });

  it('lists ancestors nearest first', () => {
    expect(tree.ancestors('team')).toEqual(['east', 'sales', 'hq']);
    expect(tree.ancestors('hq')).toEqual([]);
  });

  it('detects a move that would close a loop', () => {
    expect(tree.wouldCycle('sales', 'team')).toBe(true);
    expect(tree.wouldCycle('sales', 'sales')).toBe(true);
    expect(tree.wouldCycle('sales', 'prod')).toBe(false);
    expect(tree.wouldCycle('team', 'hq')).toBe(false);
    expect(tree.wouldCycle('hq', null)).toBe(false);
  });

  it('terminates on a cycle already in the data', () => {
    const broken = new DepartmentTree([
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'a' },
    ]);
    expect(broken.subtree('a').sort()).toEqual(['a', 'b']);
    expect(broken.ancestors('a')).toEqual(['b']);
  });
});
