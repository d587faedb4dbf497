import { describe, expect, it } from '@jest/globals';
import type { DepartmentLeader, DepartmentProfile, OaFormSchema, OrgDirectory, PersonProfile, PersonRef } from '@zhongshu/contracts';
import { resolveRule, type RuleContext } from './approver-rules.js';

/**
 * A tiny org for the rules: HQ (led by gm) > Sales (led by lead) > East (led by east);
 * the applicant rep sits in East; managers rep → east → lead → gm.
 */
const person = (id: string, extra: Partial<PersonProfile> = {}): PersonProfile => ({ id, name: id, username: id, departmentId: 'east', positionId: null, level: null, managerId: null, status: 'active', ...extra });
const PEOPLE: PersonProfile[] = [
  person('rep', { managerId: 'east' }),
  person('east', { managerId: 'lead', positionId: 'head' }),
  person('lead', { managerId: 'gm', departmentId: 'sales', positionId: 'head' }),
  person('gm', { departmentId: 'hq', positionId: 'gm' }),
  person('gone', { status: 'left' }),
];
const ref = (id: string): PersonRef => ({ id, name: id, username: id });
const directory: OrgDirectory = {
  async departmentLeaders(personId, levelsUp) {
    const chain: DepartmentLeader[] = [
      { level: 0, departmentId: 'east', departmentName: 'East', leaderId: 'east', leaderName: 'east' },
      { level: 1, departmentId: 'sales', departmentName: 'Sales', leaderId: 'lead', leaderName: 'lead' },
      { level: 2, departmentId: 'hq', departmentName: 'HQ', leaderId: 'gm', leaderName: 'gm' },
    ];
    return personId === 'rep' ? chain.filter((leader) => leader.level <= levelsUp) : [];
  },
  async managerChain(personId) {
    return personId === 'rep' ? ['east', 'lead', 'gm'].map(ref) : [];
  },
  async holdersOfPosition(departmentId, positionId) {
    return departmentId === 'east' && positionId === 'head' ? [ref('east')] : [];
  },
  async holdersOfPositionAnywhere(positionId) {
    return positionId === 'head' ? [ref('east'), ref('lead')] : [];
  },
  async employees() {
    return [];
  },
  async holdersOfRole(roleCode) {
    return roleCode === 'finance' ? [ref('gm'), ref('lead')] : [];
  },
  async people(ids) {
    return PEOPLE.filter((candidate) => ids.includes(candidate.id));
  },
  async departments(ids): Promise<DepartmentProfile[]> {
    const all: DepartmentProfile[] = [{ id: 'sales', name: 'Sales', parentId: 'hq', status: 'active', leaderId: 'lead', leaderName: 'lead' }];
    return all.filter((department) => ids.includes(department.id));
  },
};
const form: OaFormSchema = { fields: [{ key: 'who', label: '人', type: 'person', multiple: true }, { key: 'dept', label: '部门', type: 'department' }] };
const context = (formData: Record<string, unknown> = {}, chosenIds: string[] = []): RuleContext => ({ applicant: PEOPLE[0], form, formData, chosenIds });

describe('resolveRule: every approver rule, against a directory', () => {
  it('named people, active ones only, in order and once', async () => {
    await expect(resolveRule({ kind: 'people', personIds: ['gm', 'gone', 'lead', 'gm', 'ghost'] }, context(), directory)).resolves.toEqual(['gm', 'lead']);
  });

  it('a role and a position (in the applicant’s department, or anywhere)', async () => {
    await expect(resolveRule({ kind: 'role', roleCode: 'finance' }, context(), directory)).resolves.toEqual(['gm', 'lead']);
    await expect(resolveRule({ kind: 'position', positionId: 'head', where: 'applicant-department' }, context(), directory)).resolves.toEqual(['east']);
    await expect(resolveRule({ kind: 'position', positionId: 'head', where: 'anywhere' }, context(), directory)).resolves.toEqual(['east', 'lead']);
  });

  it('the department leader N levels up, or the top one when the tree is shallower', async () => {
    await expect(resolveRule({ kind: 'department-leader', levelsUp: 0 }, context(), directory)).resolves.toEqual(['east']);
    await expect(resolveRule({ kind: 'department-leader', levelsUp: 1 }, context(), directory)).resolves.toEqual(['lead']);
    await expect(resolveRule({ kind: 'department-leader', levelsUp: 5 }, context(), directory)).resolves.toEqual(['gm']);
  });

  it('the manager chain up to a number of levels, or up to a position', async () => {
    await expect(resolveRule({ kind: 'manager-chain', levels: 2 }, context(), directory)).resolves.toEqual(['east', 'lead']);
    await expect(resolveRule({ kind: 'manager-chain', untilPositionId: 'gm' }, context(), directory)).resolves.toEqual(['east', 'lead', 'gm']);
    await expect(resolveRule({ kind: 'manager-chain', untilPositionId: 'head' }, context(), directory)).resolves.toEqual(['east']);
  });

  it('a person field of the form, or the leader of a department field', async () => {
    await expect(resolveRule({ kind: 'form-field', field: 'who' }, context({ who: ['lead', 'gone'] }), directory)).resolves.toEqual(['lead']);
    await expect(resolveRule({ kind: 'form-field', field: 'dept' }, context({ dept: 'sales' }), directory)).resolves.toEqual(['lead']);
    await expect(resolveRule({ kind: 'form-field', field: 'who' }, context({}), directory)).resolves.toEqual([]);
  });

  it('the applicant, and whoever the previous approver chose', async () => {
    await expect(resolveRule({ kind: 'applicant' }, context(), directory)).resolves.toEqual(['rep']);
    await expect(resolveRule({ kind: 'chosen-by-previous' }, context({}, ['gm', 'gone']), directory)).resolves.toEqual(['gm']);
  });
});
