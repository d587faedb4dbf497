import { Injectable } from '@nestjs/common';
import { OaPermission } from '@zhongshu/contracts';
import { UnitOfWork, isInScope, type Principal } from '@zhongshu/platform';
import type { RequestRow } from './request-run.js';

/** Data scope of requests: the applicant owns one, the applicant's department (when submitted) holds it. */
export const REQUEST_SCOPE = { owner: 'r.applicant_id', department: 'r.applicant_department_id' };

/**
 * Who may read a request: the applicant, anyone holding or having held a task on it
 * (or standing in for one), anyone it was copied to, anyone who acted on it, and a
 * holder of oa:request:read whose data scope reaches it. Everyone else is told it
 * does not exist.
 */
@Injectable()
export class RequestAccess {
  constructor(private readonly uow: UnitOfWork) {}

  async canRead(principal: Principal, request: Pick<RequestRow, 'id' | 'applicantId' | 'applicantDepartmentId'>): Promise<boolean> {
    if (request.applicantId === principal.userId) return true;
    if (principal.permissions.has(OaPermission.RequestRead) && isInScope(principal, OaPermission.RequestRead, { ownerId: request.applicantId, departmentId: request.applicantDepartmentId })) {
      return true;
    }
    return this.participates(principal.userId, request.id);
  }

  async participates(personId: string, requestId: string): Promise<boolean> {
    const [row] = await this.uow.manager.query(
      `SELECT EXISTS (SELECT 1 FROM oa.task WHERE request_id = $1 AND (assignee_id = $2 OR on_behalf_of_id = $2))
           OR EXISTS (SELECT 1 FROM oa.cc WHERE request_id = $1 AND recipient_id = $2)
           OR EXISTS (SELECT 1 FROM oa.history WHERE request_id = $1 AND actor_id = $2) AS yes`,
      [requestId, personId],
    );
    return row.yes === true;
  }

  /** Whether a person may download a file: they may read a request that refers to it. */
  async canReadFile(principal: Principal, fileId: string): Promise<boolean> {
    const rows: Array<{ id: string; applicant_id: string; applicant_department_id: string }> = await this.uow.manager.query(
      `SELECT r.id, r.applicant_id, r.applicant_department_id FROM oa.request_file f JOIN oa.request r ON r.id = f.request_id WHERE f.file_id = $1`,
      [fileId],
    );
    for (const row of rows) {
      if (await this.canRead(principal, { id: row.id, applicantId: row.applicant_id, applicantDepartmentId: row.applicant_department_id })) return true;
    }
    return false;
  }
}
