import { Injectable } from '@nestjs/common';
import { OrgPermission, type PermissionCode } from '@zhongshu/contracts';
import { AuditTrail, UnitOfWork, dataScopeSql, scopeFor, type Principal } from '@zhongshu/platform';
import { DEPARTMENT_COLUMNS, PERSON_COLUMNS } from './org-import.service.js';
import { writeSheet, type TabularFormat } from './tabular.js';

/**
 * The same columns the import reads, so an export edited in Excel imports back. Every
 * export is audited (who, format, filters, reach, row count) before the file leaves.
 */
@Injectable()
export class OrgExport {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditTrail,
  ) {}

  async departments(principal: Principal, format: TabularFormat): Promise<Buffer> {
    const scope = dataScopeSql(principal, OrgPermission.DepartmentExport, { department: 'd.id' }, 1);
    const rows = await this.uow.manager.query(
      `SELECT d.code, d.name, parent.code AS "parentCode", leader.employee_no AS "leaderEmployeeNo",
              deputy.employee_no AS "deputyEmployeeNo", d.sort_order::text AS "sortOrder"
         FROM org.department d
         LEFT JOIN org.department parent ON parent.id = d.parent_id
         LEFT JOIN org.person leader ON leader.id = d.leader_id
         LEFT JOIN org.person deputy ON deputy.id = d.deputy_id
        WHERE d.status = 'active' AND ${scope.sql}
        ORDER BY d.sort_order, d.code`,
      scope.parameters,
    );
    await this.audited(principal, OrgPermission.DepartmentExport, 'org.department', format, rows.length);
    return writeSheet(format, 'departments', DEPARTMENT_COLUMNS, rows.map(clean));
  }

  async people(principal: Principal, format: TabularFormat): Promise<Buffer> {
    const scope = dataScopeSql(principal, OrgPermission.PersonExport, { owner: 'p.id', department: 'p.main_department_id' }, 1);
    const rows = await this.uow.manager.query(
      `SELECT p.employee_no AS "employeeNo", p.name, p.username, p.email, p.mobile, d.code AS "departmentCode",
              pos.code AS "positionCode", m.employee_no AS "managerEmployeeNo", to_char(p.hire_date, 'YYYY-MM-DD') AS "hireDate",
              p.status,
              (SELECT string_agg(r.code, '|' ORDER BY r.code) FROM org.person_role pr JOIN org.role r ON r.id = pr.role_id WHERE pr.person_id = p.id) AS roles,
              p.version
         FROM org.person p
         JOIN org.department d ON d.id = p.main_department_id
         LEFT JOIN org.position pos ON pos.id = p.position_id
         LEFT JOIN org.person m ON m.id = p.manager_id
        WHERE ${scope.sql}
        ORDER BY p.employee_no`,
      scope.parameters,
    );
    await this.audited(principal, OrgPermission.PersonExport, 'org.person', format, rows.length);
    return writeSheet(format, 'people', PERSON_COLUMNS, rows.map(clean));
  }

  private async audited(principal: Principal, permission: PermissionCode, entityType: string, format: TabularFormat, rows: number): Promise<void> {
    const scope = scopeFor(principal, permission);
    const reach = scope.all ? 'all' : `own records and ${scope.departmentIds.size} departments`;
    // The exports take no filters yet: each is everything within the caller's reach.
    await this.audit.recordExport({ action: permission, entityType, format, filters: {}, reach, rows });
  }
}

function clean(row: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === null || value === undefined ? '' : String(value)]));
}
