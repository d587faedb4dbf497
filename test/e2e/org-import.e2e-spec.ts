import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import { bearer, signIn, sql, startDemoApi, type Tokens } from './org-fixtures.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PEOPLE_HEADER = 'employeeNo,name,username,email,mobile,departmentCode,positionCode,managerEmployeeNo,hireDate,status,roles';

function binary(response: request.Response & { text?: string }, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  (response as unknown as NodeJS.ReadableStream).on('data', (chunk: Buffer) => chunks.push(chunk));
  (response as unknown as NodeJS.ReadableStream).on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('bulk import and export of departments and people', () => {
  let api: TestApi;
  let admin: Tokens;

  beforeAll(async () => {
    api = await startDemoApi();
    admin = await signIn(api, 'admin');
  });
  afterAll(async () => api.close());

  const count = async (table: string) => Number((await sql<{ n: string }>(api, `SELECT count(*) AS n FROM ${table}`))[0].n);
  const upload = (path: string, type: string, body: string | Buffer) =>
    request(api.url).post(`/api/v1/org/import/${path}`).set('authorization', bearer(admin)).set('content-type', type).send(body);

  it('writes nothing when one row is bad, and names every bad row and column', async () => {
    const before = { people: await count('org.person'), audit: await count(`platform.audit_log WHERE kind = 'change'`) };
    const csv = [
      PEOPLE_HEADER,
      'N001,新人甲,new.one,new.one@example.com,13800000001,OPS,CLERK,E0003,2026-01-05,active,employee',
      'N002,新人乙,new.two,,,OPS,CLERK,N001,2026-02-30,active,employee',
      'N003,新人丙,Bad Name,,,NOWHERE,CLERK,,,,employee|wizard',
      'N004,新人丁,new.four,,,SALES,SALES-REP,N001,,active,sales',
    ].join('\n');
    const answer = await upload('people', 'text/csv', csv).expect(422);
    expect(answer.body.code).toBe('org.import-rejected');
    expect(answer.body.detail).toContain('rows 3, 4');
    expect(answer.body.errors).toEqual([
      { field: 'rows[3].hireDate', message: 'must be a date YYYY-MM-DD' },
      { field: 'rows[4].username', message: 'must be 2-40 lower-case letters, digits, _ . or -, starting with a letter' },
      { field: 'rows[4].departmentCode', message: 'no active department NOWHERE' },
      { field: 'rows[4].roles', message: 'unknown roles: wizard' },
    ]);
    expect(await count('org.person')).toBe(before.people);
    expect(await count(`platform.audit_log WHERE kind = 'change'`)).toBe(before.audit);
  });

  it('imports a good file in one go, with managers from the same file and roles', async () => {
    const csv = [
      PEOPLE_HEADER,
      'N001,新人甲,new.one,new.one@example.com,13800000001,OPS,CLERK,E0003,2026-01-05,active,employee',
      'N002,新人乙,new.two,,,OPS,CLERK,N001,2026-02-28,active,employee|hr',
    ].join('\n');
    expect((await upload('people', 'text/csv', csv).expect(200)).body).toEqual({ created: 2, updated: 0 });
    const rows = await sql<{ username: string; manager: string | null; roles: string }>(
      api,
      `SELECT p.username, m.username AS manager,
              (SELECT string_agg(r.code, '|' ORDER BY r.code) FROM org.person_role pr JOIN org.role r ON r.id = pr.role_id WHERE pr.person_id = p.id) AS roles
         FROM org.person p LEFT JOIN org.person m ON m.id = p.manager_id WHERE p.employee_no IN ('N001', 'N002') ORDER BY p.employee_no`,
    );
    expect(rows).toEqual([
      { username: 'new.one', manager: 'manager', roles: 'employee' },
      { username: 'new.two', manager: 'new.one', roles: 'employee|hr' },
    ]);
  });

  it('refuses a department file that would make the tree loop, writing nothing', async () => {
    const before = await count('org.department');
    const csv = ['code,name,parentCode,leaderEmployeeNo,deputyEmployeeNo,sortOrder', 'L1,环一,L2,,,1', 'L2,环二,L1,,,2', 'L3,好的,HQ,E0001,,3'].join('\n');
    const answer = await upload('departments', 'text/csv', csv).expect(422);
    expect(answer.body.errors.map((error: { field: string }) => error.field)).toEqual(['rows[2].parentCode', 'rows[3].parentCode']);
    expect(await count('org.department')).toBe(before);
  });

  it('round-trips people through XLSX: an export imports back as updates', async () => {
    const exported = await request(api.url)
      .get('/api/v1/org/export/people?format=xlsx')
      .set('authorization', bearer(admin))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(exported.headers['content-type']).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).text).toBe('employeeNo');
    expect(sheet.rowCount).toBe(1 + (await count('org.person')));
    const total = await count('org.person');
    expect((await upload('people', XLSX, exported.body as Buffer).expect(200)).body).toEqual({ created: 0, updated: total });
  });

  it('exports departments as CSV and reads them back', async () => {
    const exported = await request(api.url).get('/api/v1/org/export/departments?format=csv').set('authorization', bearer(admin)).expect(200);
    expect(exported.text.split('\r\n')[0]).toBe('\uFEFFcode,name,parentCode,leaderEmployeeNo,deputyEmployeeNo,sortOrder');
    expect(exported.text).toContain('SALES-EAST,华东销售组,SALES');
    const active = await count(`org.department WHERE status = 'active'`);
    expect((await upload('departments', 'text/csv', exported.text).expect(200)).body).toEqual({ created: 0, updated: active });
  });

  it('answers 400 to an unsupported type, unknown columns or an unreadable file', async () => {
    await upload('people', 'text/csv', 'employeeNo,shoeSize\nX1,42\n').expect(400);
    await upload('people', XLSX, Buffer.from('not a zip file')).expect(400);
    await request(api.url).post('/api/v1/org/import/people').set('authorization', bearer(admin)).send({ rows: [] }).expect(400);
  });
});
