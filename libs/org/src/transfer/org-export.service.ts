import { Injectable } from '@nestjs/common';
import { OrgPermission } from '@zhongshu/contracts';
import { UnitOfWork, dataScopeSql, type Principal } from '@zhongshu/platform';
import { DEPARTMENT_COLUMNS, PERSON_COLUMNS } from './org-import.service.js';
import { writeSheet, type TabularFormat } from './tabular.js';

/** The same columns the import reads, so an export edited in Excel imports back. */
@Injectable()
export class OrgExport {
  constructor(private readonly uow: UnitOfWork) {}

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
    return writeSheet(format, 'departments', DEPARTMENT_COLUMNS, rows.map(clean));
  }

  async people(principal: Principal, format: TabularFormat): Promise<Buffer> {
    const scope = dataScopeSql(principal, OrgPermission.PersonExport, { owner: 'p.id', department: 'p.main_department_id' }, 1);
    const rows = await this.uow.manager.query(
      `SELECT p.employee_no AS "employeeNo", p.name, p.username, p.email, p.mobile, d.code AS "departmentCode",
              pos.code AS "positionCode", m.employee_no AS "managerEmployeeNo", to_char(p.hire_date, 'YYYY-MM-DD') AS "hireDate",
              p.status,
              (SELECT string_agg(r.code, '|' ORDER BY r.code) FROM org.person_role pr JOIN org.role r ON r.id = pr.role_id WHERE pr.person_id = p.id) AS roles
         FROM org.person p
         JOIN org.department d ON d.id = p.main_department_id
         LEFT JOIN org.position pos ON pos.id = p.position_id
         LEFT JOIN org.person m ON m.id = p.manager_id
        WHERE ${scope.sql}
        ORDER BY p.employee_no`,
      scope.parameters,
    );
    return writeSheet(format, 'people', PERSON_COLUMNS, rows.map(clean));
  }
}

function clean(row: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === null || value === undefined ? '' : String(value)]));
}
