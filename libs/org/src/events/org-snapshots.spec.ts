import { describe, expect, it } from '@jest/globals';
import type { OrgDepartmentSnapshot, OrgPersonSnapshot } from '@zhongshu/contracts';
import { changedDepartmentFields, changedPersonFields } from './org-snapshots.js';

const person: OrgPersonSnapshot = {
  personId: 'p1',
  employeeNo: 'E0001',
  name: '李明',
  username: 'li.ming',
  email: null,
  mobile: '13800000000',
  departmentId: 'd1',
  positionId: null,
  managerId: 'p0',
  hireDate: '2026-01-05',
  status: 'active',
  partTimePosts: [
    { departmentId: 'd2', positionId: null },
    { departmentId: 'd3', positionId: 'pos1' },
  ],
};

const department: OrgDepartmentSnapshot = {
  departmentId: 'd1',
  code: 'OPS',
  name: '综合管理部',
  parentId: null,
  leaderId: 'p0',
  deputyId: null,
  status: 'active',
};

describe('snapshot differences', () => {
  it('finds nothing between equal snapshots', () => {
    expect(changedPersonFields(person, { ...person, partTimePosts: [...person.partTimePosts] })).toEqual([]);
    expect(changedDepartmentFields(department, { ...department })).toEqual([]);
  });

  it('lists every changed person field in a fixed order, but never the status', () => {
    const after: OrgPersonSnapshot = { ...person, hireDate: null, name: '李明明', email: 'li@example.com', managerId: null, status: 'left' };
    expect(changedPersonFields(person, after)).toEqual(['name', 'email', 'managerId', 'hireDate']);
  });

  it('compares part-time posts as a set: a new order is no change, a new position is', () => {
    expect(changedPersonFields(person, { ...person, partTimePosts: [...person.partTimePosts].reverse() })).toEqual([]);
    const moved = [person.partTimePosts[0], { departmentId: 'd3', positionId: 'pos2' }];
    expect(changedPersonFields(person, { ...person, partTimePosts: moved })).toEqual(['partTimePosts']);
    expect(changedPersonFields(person, { ...person, partTimePosts: [] })).toEqual(['partTimePosts']);
  });

  it('leaves the parent and the status of a department to their own events', () => {
    const after: OrgDepartmentSnapshot = { ...department, parentId: 'd0', status: 'archived', leaderId: null, code: 'ADMIN' };
    expect(changedDepartmentFields(department, after)).toEqual(['code', 'leaderId']);
  });
});
