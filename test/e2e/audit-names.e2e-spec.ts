import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import { bearer, signIn, sql, startDemoApi, type Tokens } from './org-fixtures.js';

// The audit log names what its entries are about in every context, not only org's and
// OA's: a CRM customer, contact, lead, opportunity, pipeline and contract, an ERP product
// and sales order read by their names (or numbers), not by UUIDs.
describe('audit log: the records of CRM and ERP by name', () => {
  let api: TestApi;
  let admin: Tokens;

  beforeAll(async () => {
    api = await startDemoApi();
    admin = await signIn(api, 'admin');
  });
  afterAll(async () => api?.close());

  const named: Array<[type: string, column: string]> = [
    ['crm.customer', 'name'],
    ['crm.contact', 'name'],
    ['crm.lead', 'name'],
    ['crm.opportunity', 'name'],
    ['crm.pipeline', 'name'],
    ['crm.contract', 'title'],
    ['erp.product', 'name'],
  ];

  it.each(named)('names %s records by their %s', async (type, column) => {
    const page = (await request(api.url).get('/api/v1/platform/audit-log').query({ entityType: type, kind: 'change', pageSize: 5 }).set('authorization', bearer(admin)).expect(200)).body as {
      items: Array<{ entityId: string }>;
      names: Record<string, string>;
    };
    // The demo company wrote each of these through the audited tables.
    expect(page.items.length).toBeGreaterThan(0);
    const ids = [...new Set(page.items.map((entry) => entry.entityId))];
    const rows = await sql<{ id: string; name: string }>(api, `SELECT id::text AS id, ${column}::text AS name FROM ${type} WHERE id = ANY($1::uuid[])`, [ids]);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(page.names[row.id]).toBe(row.name);
  });

  it('names a sales order by its number', async () => {
    // An order as ERP writes one for a signed contract (the audit trigger records it).
    const [order] = await sql<{ id: string; number: string }>(
      api,
      `INSERT INTO erp.sales_order (id, number, contract_id, contract_number, contract_version, customer_id, customer_name, owner_id, owner_name, department_id,
                                    status, total_excl_tax, tax_total, total, payment_terms, ordered_on)
       SELECT gen_random_uuid(), 'SO-2026-990001', gen_random_uuid(), 'HT-2026-990001', 1, c.id, c.name, c.owner_id, '张伟', c.department_id,
              'pending_approval', 100, 13, 113, '货到 30 天', current_date
         FROM crm.customer c WHERE c.owner_id IS NOT NULL LIMIT 1
       RETURNING id::text, number`,
    );
    const page = (await request(api.url).get('/api/v1/platform/audit-log').query({ entityId: order!.id }).set('authorization', bearer(admin)).expect(200)).body as {
      items: unknown[];
      names: Record<string, string>;
    };
    expect(page.items).toHaveLength(1);
    expect(page.names[order!.id]).toBe('SO-2026-990001');
  });
});
