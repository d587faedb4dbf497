import { declareEventTypes } from './event-catalogue.js';

/**
 * The events of the org context (people and the department tree). Other contexts keep
 * snapshots of people and departments from them: OA routes approvals to department
 * leaders and managers, CRM shows owners. Each event of an aggregate carries what a
 * snapshot needs, so a consumer never has to call back into org to apply it.
 *
 * Aggregate ids: the person's id for `org.person.*`, the department's id for
 * `org.department.*`.
 */

export type OrgPersonStatus = 'active' | 'disabled' | 'left';

export type OrgDepartmentStatus = 'active' | 'archived';

/** 兼职: a post of the person in a department other than their main one. */
export interface OrgPartTimePost {
  departmentId: string;
  positionId: string | null;
}

/** Everything another context keeps of a person, as it stands after the change. */
export interface OrgPersonSnapshot {
  personId: string;
  employeeNo: string;
  name: string;
  /** The login name; every person has one (the column is NOT NULL). */
  username: string;
  email: string | null;
  mobile: string | null;
  /** The main department. */
  departmentId: string;
  positionId: string | null;
  /** The direct manager (直属上级). */
  managerId: string | null;
  /** YYYY-MM-DD. */
  hireDate: string | null;
  status: OrgPersonStatus;
  /** Sorted by departmentId; empty when the person has none. */
  partTimePosts: OrgPartTimePost[];
}

/**
 * The fields `org.person.changed` reports as changed. A status change is reported by
 * `org.person.status-changed` instead, never in this list.
 */
export type OrgPersonChangedField = 'employeeNo' | 'name' | 'username' | 'email' | 'mobile' | 'departmentId' | 'positionId' | 'managerId' | 'hireDate' | 'partTimePosts';

/** Everything another context keeps of a department, as it stands after the change. */
export interface OrgDepartmentSnapshot {
  departmentId: string;
  code: string;
  name: string;
  /** null for a top-level department. */
  parentId: string | null;
  /** 负责人: approvals route to them. */
  leaderId: string | null;
  deputyId: string | null;
  status: OrgDepartmentStatus;
}

/**
 * The fields `org.department.changed` reports as changed. A new parent is reported by
 * `org.department.moved`, archiving by `org.department.archived`.
 */
export type OrgDepartmentChangedField = 'code' | 'name' | 'leaderId' | 'deputyId';

declare module './event-catalogue.js' {
  interface EventCatalogue {
    /** A person was created: through the API, a bulk import, first-run setup or the demo seed. */
    'org.person.hired': { version: 1; payload: OrgPersonSnapshot };
    /** Something of the person's snapshot other than the status changed; `changed` names what. */
    'org.person.changed': { version: 1; payload: OrgPersonSnapshot & { changed: OrgPersonChangedField[] } };
    /** Disabled, enabled or offboarded (`left`): approvals reassign a leaver's tasks on this. */
    'org.person.status-changed': { version: 1; payload: { personId: string; status: OrgPersonStatus; previousStatus: OrgPersonStatus } };
    'org.department.created': { version: 1; payload: OrgDepartmentSnapshot };
    /** Code, name, leader or deputy changed; `changed` names what. */
    'org.department.changed': { version: 1; payload: OrgDepartmentSnapshot & { changed: OrgDepartmentChangedField[] } };
    /** Re-parented; `parentId` null means it became a top-level department. */
    'org.department.moved': { version: 1; payload: { departmentId: string; parentId: string | null; previousParentId: string | null } };
    /** Kept for its history but closed: it takes no people or sub-departments any more. */
    'org.department.archived': { version: 1; payload: { departmentId: string } };
    /** Removed for good: nobody ever belonged to it, so no record refers to it. */
    'org.department.deleted': { version: 1; payload: { departmentId: string } };
  }
}

declareEventTypes({
  'org.person.hired': 1,
  'org.person.changed': 1,
  'org.person.status-changed': 1,
  'org.department.created': 1,
  'org.department.changed': 1,
  'org.department.moved': 1,
  'org.department.archived': 1,
  'org.department.deleted': 1,
});
