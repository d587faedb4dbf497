import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants.js';
import { ApplicationConfig, ModulesContainer } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { newId } from '@zhongshu/platform';
import type { TestApi } from '../harness/test-api.js';
import { bearer, departmentId, signIn, sql, startDemoApi, type Tokens } from './org-fixtures.js';

const ALLOWED_ORIGIN = 'https://erp.example.com';
/** Up to this many matching entries the audit log counts exactly (its documented contract). */
const EXACT_COUNT_LIMIT = 10_000;

/** The read path: what answers look like, how lists page, sort and search. */
describe('the read path', () => {
  let api: TestApi;
  let admin: Tokens;

  beforeAll(async () => {
    api = await startDemoApi({ CORS_ORIGINS: ALLOWED_ORIGIN });
    admin = await signIn(api, 'admin');
  });
  afterAll(async () => api.close());

  const auditPage = (query: Record<string, string>) => request(api.url).get('/api/v1/platform/audit-log').query(query).set('authorization', bearer(admin));

  /** Rows written straight into the trail (it is append-only: inserts only), all with one action. */
  const writeAuditRows = async (action: string, count: number): Promise<void> => {
    await sql(api, `INSERT INTO platform.audit_log (kind, action, outcome, request_id) SELECT 'request', $1, 'success', $1 || '-' || g FROM generate_series(1, $2) AS g`, [action, count]);
  };

  it('runs no interceptor on any route: none global (of ours, Nest\'s or Swagger\'s), none on a controller or handler', () => {
    expect(api.app.get(ApplicationConfig).getGlobalInterceptors()).toEqual([]);
    expect(api.app.get(ApplicationConfig).getGlobalRequestInterceptors()).toEqual([]);
    const controllers = [...api.app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
    expect(controllers.length).toBeGreaterThan(10);
    for (const { metatype } of controllers) {
      const type = metatype as Function;
      expect(Reflect.getMetadata(INTERCEPTORS_METADATA, type) ?? []).toEqual([]);
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        expect([type.name, name, Reflect.getMetadata(INTERCEPTORS_METADATA, type.prototype[name] as object) ?? []]).toEqual([type.name, name, []]);
      }
    }
  });

  describe('answers as before', () => {
    it('GET /api/health: the REST security headers, the request and correlation ids, and no CORS headers without an Origin', async () => {
      const response = await request(api.url).get('/api/health').expect(200);
      expect(response.body).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
      expect(response.headers).toMatchObject({
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'cross-origin-resource-policy': 'same-origin',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'content-type': 'application/json; charset=utf-8',
      });
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers['x-correlation-id']).toBe(response.headers['x-request-id']);
      for (const header of ['vary', 'access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers']) {
        expect(response.headers[header]).toBeUndefined();
      }
    });

    it('with an Origin: the CORS answer of before, for an allowed origin and for another', async () => {
      const allowed = await request(api.url).get('/api/health').set('origin', ALLOWED_ORIGIN).expect(200);
      expect(allowed.headers).toMatchObject({
        vary: 'Origin',
        'access-control-allow-origin': ALLOWED_ORIGIN,
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'x-request-id, x-correlation-id',
        'x-content-type-options': 'nosniff',
      });
      const other = await request(api.url).get('/api/health').set('origin', 'https://evil.example.com').expect(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      expect(other.headers.vary).toBe('Origin');
      const preflight = await request(api.url)
        .options('/api/v1/org/people')
        .set('origin', ALLOWED_ORIGIN)
        .set('access-control-request-method', 'POST')
        .set('access-control-request-headers', 'authorization,content-type')
        .expect(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(preflight.headers['access-control-allow-headers']).toBe('authorization,content-type');
    });

    it('keeps a sane request id the caller sent and makes the flow id itself', async () => {
      const response = await request(api.url).get('/api/v1/org/people?pageSize=1').set('authorization', bearer(admin)).set('x-request-id', 'gateway-abc-12345').expect(200);
      expect(response.headers['x-request-id']).toBe('gateway-abc-12345');
      expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('a page of people: the fields of before plus department and position names, in their order, with the values in the database', async () => {
      const response = await request(api.url).get('/api/v1/org/people').query({ pageSize: '3', sort: 'employeeNo' }).set('authorization', bearer(admin)).expect(200);
      expect(Object.keys(response.body)).toEqual(['items', 'total', 'page', 'pageSize']);
      const rows = await sql<Record<string, unknown>>(
        api,
        `SELECT p.id, p.employee_no AS "employeeNo", p.name, p.username, p.email, p.mobile, p.main_department_id AS "mainDepartmentId", d.name AS "departmentName",
                p.position_id AS "positionId", pos.name AS "positionName", p.manager_id AS "managerId", to_char(p.hire_date, 'YYYY-MM-DD') AS "hireDate", p.status, p.version
           FROM org.person p LEFT JOIN org.department d ON d.id = p.main_department_id LEFT JOIN org.position pos ON pos.id = p.position_id
          ORDER BY p.employee_no, p.id LIMIT 3`,
      );
      const [{ total }] = await sql<{ total: number }>(api, 'SELECT count(*)::int AS total FROM org.person');
      expect(response.body).toEqual({ items: rows, total, page: 1, pageSize: 3 });
      expect(Object.keys(response.body.items[0])).toEqual([
        'id',
        'employeeNo',
        'name',
        'username',
        'email',
        'mobile',
        'mainDepartmentId',
        'positionId',
        'managerId',
        'hireDate',
        'status',
        'version',
        'departmentName',
        'positionName',
      ]);
    });
  });

  describe('the audit log pages by cursor', () => {
    it('walks every matching entry once, newest first, though entries arrive meanwhile', async () => {
      await writeAuditRows('test:keyset:walk', 25);
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 1; page <= 10; page += 1) {
        const answer = (await auditPage({ action: 'test:keyset:walk', pageSize: '10', ...(after ? { after } : {}) }).expect(200)).body;
        expect(answer).toMatchObject({ total: answer.total, totalIsEstimate: false, pageSize: 10 });
        seen.push(...answer.items.map((entry: { requestId: string }) => entry.requestId));
        // New entries of the same query land before the cursor (newest first) and shift nothing after it.
        if (page === 1) await writeAuditRows('test:keyset:walk', 5);
        if (answer.nextCursor === null) break;
        after = answer.nextCursor;
      }
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
      expect(seen).toEqual(Array.from({ length: 25 }, (_, index) => `test:keyset:walk-${25 - index}`));
    });

    it('refuses a cursor of another query (other filters, another sort) and a made-up one with 400', async () => {
      await writeAuditRows('test:keyset:foreign', 3);
      const first = (await auditPage({ action: 'test:keyset:foreign', pageSize: '1' }).expect(200)).body;
      expect(first.nextCursor).toEqual(expect.any(String));
      const otherFilter = await auditPage({ action: 'test:keyset:walk', pageSize: '1', after: first.nextCursor }).expect(400);
      expect(otherFilter.headers['content-type']).toContain('application/problem+json');
      expect(otherFilter.body).toMatchObject({ code: 'platform.invalid-query', errors: [expect.objectContaining({ field: 'after' })] });
      await auditPage({ action: 'test:keyset:foreign', sort: 'occurredAt', after: first.nextCursor }).expect(400);
      await auditPage({ action: 'test:keyset:foreign', after: 'bm90IGEgY3Vyc29y' }).expect(400);
      await auditPage({ action: 'test:keyset:foreign', after: Buffer.from(JSON.stringify({ q: 'x', k: ['1'] })).toString('base64url') }).expect(400);
      // The same query with another page size goes on from where the cursor points.
      const next = (await auditPage({ action: 'test:keyset:foreign', pageSize: '5', after: first.nextCursor }).expect(200)).body;
      expect(next.items).toHaveLength(2);
    });

    it('pages by another sort too (oldest first), and no longer takes a page number', async () => {
      await writeAuditRows('test:keyset:sorted', 4);
      const first = (await auditPage({ action: 'test:keyset:sorted', pageSize: '3', sort: 'occurredAt' }).expect(200)).body;
      const rest = (await auditPage({ action: 'test:keyset:sorted', pageSize: '3', sort: 'occurredAt', after: first.nextCursor }).expect(200)).body;
      expect([...first.items, ...rest.items].map((entry: { requestId: string }) => entry.requestId)).toEqual([1, 2, 3, 4].map((n) => `test:keyset:sorted-${n}`));
      expect(rest.nextCursor).toBeNull();
      await auditPage({ page: '2' }).expect(400);
    });

    it(`counts exactly up to ${EXACT_COUNT_LIMIT} and estimates beyond, saying so`, async () => {
      await writeAuditRows('test:keyset:many', EXACT_COUNT_LIMIT + 500);
      await sql(api, 'ANALYZE platform.audit_log');
      const many = (await auditPage({ action: 'test:keyset:many', pageSize: '5' }).expect(200)).body;
      expect(many.totalIsEstimate).toBe(true);
      expect(many.total).toBeGreaterThan(EXACT_COUNT_LIMIT);
      expect(many.items).toHaveLength(5);
      const few = (await auditPage({ action: 'test:keyset:many', requestId: 'test:keyset:many-7' }).expect(200)).body;
      expect(few).toMatchObject({ total: 1, totalIsEstimate: false, nextCursor: null });
    });
  });

  describe('names sort and search as people read them', () => {
    let department: string;

    beforeAll(async () => {
      department = newId();
      await sql(api, `INSERT INTO org.department (id, code, name, parent_id) VALUES ($1, 'PINYIN-TEST', '拼音测试部', $2)`, [department, await departmentId(api, 'HQ')]);
      const people = [
        ['张伟', 'PY-ZW-0001'],
        ['李明', 'PY-LM-0002'],
        ['王芳', 'PY-WF-0003'],
        ['陈建国', 'PY-CJG-0004'],
        ['赵敏', 'PY-ZM-0005'],
      ];
      for (const [name, employeeNo] of people) {
        await sql(api, `INSERT INTO org.person (id, employee_no, name, username, main_department_id, status) VALUES ($1, $2, $3, $4, $5, 'active')`, [
          newId(),
          employeeNo,
          name,
          employeeNo.toLowerCase(),
          department,
        ]);
      }
    });

    const names = async (query: Record<string, string>): Promise<string[]> =>
      (await request(api.url).get('/api/v1/org/people').query(query).set('authorization', bearer(admin)).expect(200)).body.items.map((person: { name: string }) => person.name);

    it('lists Chinese names in pinyin order: Chen, Li, Wang, Zhang, Zhao', async () => {
      expect(await names({ departmentId: department, sort: 'name' })).toEqual(['陈建国', '李明', '王芳', '张伟', '赵敏']);
      expect(await names({ departmentId: department, sort: '-name' })).toEqual(['赵敏', '张伟', '王芳', '李明', '陈建国']);
      expect(await names({ departmentId: department })).toEqual(['陈建国', '李明', '王芳', '张伟', '赵敏']);
    });

    it('finds a name or an employee number by a substring from its middle', async () => {
      expect(await names({ search: '建', departmentId: department })).toEqual(['陈建国']);
      expect(await names({ search: 'CJG-00', departmentId: department })).toEqual(['陈建国']);
      expect(await names({ search: 'wf-00', departmentId: department })).toEqual(['王芳']);
      // Wildcards are taken literally.
      expect(await names({ search: '%', departmentId: department })).toEqual([]);
    });

    it('serves a search from the trigram indexes on a table big enough for the planner to care', async () => {
      await sql(
        api,
        `INSERT INTO org.person (id, employee_no, name, username, main_department_id, status)
         SELECT gen_random_uuid(), 'BIG-' || g, '员工' || lpad(g::text, 6, '0'), 'big.' || g, $1, 'active' FROM generate_series(1, 30000) AS g`,
        [department],
      );
      // As autovacuum would: the bulk insert's GIN entries leave the pending list, statistics are fresh.
      await sql(api, 'VACUUM ANALYZE org.person');
      // The statement the list sends, captured on its way to the database, explained there.
      const manager = api.app.get(DataSource).manager;
      const sent: Array<{ text: string; values: unknown[] }> = [];
      const query = manager.query.bind(manager);
      manager.query = (async (text: string, values?: unknown[]) => {
        sent.push({ text, values: values ?? [] });
        return query(text, values);
      }) as typeof manager.query;
      try {
        expect(await names({ search: '012345' })).toEqual(['员工012345']);
      } finally {
        manager.query = query;
      }
      const list = sent.find((statement) => statement.text.includes('ILIKE') && statement.text.includes('ORDER BY'));
      expect(list).toBeDefined();
      const plan = (await sql<{ 'QUERY PLAN': string }>(api, `EXPLAIN ${list!.text}`, list!.values)).map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toContain('person_name_trgm');
      expect(plan).toContain('person_employee_no_trgm');
      expect(plan).not.toMatch(/Seq Scan on person/);
    });
  });
});
