import type { OrgDepartmentChangedField, OrgDepartmentSnapshot, OrgPersonChangedField, OrgPersonSnapshot } from '@zhongshu/contracts';

/** In the order `changed` lists them. */
export const PERSON_CHANGED_FIELDS: readonly OrgPersonChangedField[] = [
  'employeeNo',
  'name',
  'username',
  'email',
  'mobile',
  'departmentId',
  'positionId',
  'managerId',
  'hireDate',
  'partTimePosts',
];

export const DEPARTMENT_CHANGED_FIELDS: readonly OrgDepartmentChangedField[] = ['code', 'name', 'leaderId', 'deputyId'];

/** The snapshot fields, other than the status, that differ between two snapshots of a person. */
export function changedPersonFields(before: OrgPersonSnapshot, after: OrgPersonSnapshot): OrgPersonChangedField[] {
  return PERSON_CHANGED_FIELDS.filter((field) =>
    field === 'partTimePosts' ? !samePosts(before.partTimePosts, after.partTimePosts) : before[field] !== after[field],
  );
}

/** Code, name, leader and deputy fields that differ; the parent and the status have events of their own. */
export function changedDepartmentFields(before: OrgDepartmentSnapshot, after: OrgDepartmentSnapshot): OrgDepartmentChangedField[] {
  return DEPARTMENT_CHANGED_FIELDS.filter((field) => before[field] !== after[field]);
}

function samePosts(a: OrgPersonSnapshot['partTimePosts'], b: OrgPersonSnapshot['partTimePosts']): boolean {
  const key = (posts: OrgPersonSnapshot['partTimePosts']) =>
    posts
      .map((post) => `${post.departmentId}/${post.positionId ?? ''}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}
