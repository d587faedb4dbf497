import { Injectable } from '@nestjs/common';
import { UnitOfWork, newId } from '@zhongshu/platform';
import { OaError } from '../oa-error.js';

export interface BusinessBinding {
  businessType: string;
  requestTypeId: string;
}

/**
 * Which request type approves another context's business records (`crm.contract` →
 * 合同审批): the admin's choice, read by the handlers that start those approvals.
 */
@Injectable()
export class BusinessBindings {
  constructor(private readonly uow: UnitOfWork) {}

  async list(): Promise<BusinessBinding[]> {
    const rows: Array<{ business_type: string; request_type_id: string }> = await this.uow.manager.query('SELECT business_type, request_type_id FROM oa.business_binding ORDER BY business_type');
    return rows.map((row) => ({ businessType: row.business_type, requestTypeId: row.request_type_id }));
  }

  /** Replaces the whole list: bindings not named are removed. */
  async put(bindings: readonly BusinessBinding[]): Promise<BusinessBinding[]> {
    return this.uow.run(async (manager) => {
      const seen = new Set<string>();
      for (const [index, binding] of bindings.entries()) {
        if (seen.has(binding.businessType)) throw OaError.invalidReference(`bindings[${index}].businessType`, `${binding.businessType} is bound twice`);
        seen.add(binding.businessType);
        const [type] = await manager.query('SELECT 1 FROM oa.request_type WHERE id = $1', [binding.requestTypeId]);
        if (!type) throw OaError.invalidReference(`bindings[${index}].requestTypeId`, `Request type ${binding.requestTypeId} does not exist`);
      }
      await manager.query('DELETE FROM oa.business_binding WHERE NOT (business_type = ANY($1::text[]))', [[...seen]]);
      for (const binding of bindings) {
        await manager.query(
          `INSERT INTO oa.business_binding (id, business_type, request_type_id) VALUES ($1, $2, $3)
           ON CONFLICT (business_type) DO UPDATE SET request_type_id = EXCLUDED.request_type_id, version = oa.business_binding.version + 1, updated_at = now()
           WHERE oa.business_binding.request_type_id IS DISTINCT FROM EXCLUDED.request_type_id`,
          [newId(), binding.businessType, binding.requestTypeId],
        );
      }
      return this.list();
    });
  }

  async requestTypeFor(businessType: string): Promise<string | undefined> {
    const [row] = await this.uow.manager.query('SELECT request_type_id FROM oa.business_binding WHERE business_type = $1', [businessType]);
    return row?.request_type_id as string | undefined;
  }
}
