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
    expect((await upload('people', 'text/csv', csv).expect(200)).body).toEqual({ created: 2, updated: 0, unchanged: 0 });
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

  it('round-trips people through XLSX: an export imports back unchanged', async () => {
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
    const versions = `SELECT string_agg(id::text || ':' || version, ',' ORDER BY id) AS v FROM org.person`;
    const [before] = await sql<{ v: string }>(api, versions);
    const events = await count('platform.outbox_event');
    expect((await upload('people', XLSX, exported.body as Buffer).expect(200)).body).toEqual({ created: 0, updated: 0, unchanged: total });
    // Nothing was written: no version moved (nobody editing gets a 409 for it) and nothing was announced.
    expect((await sql<{ v: string }>(api, versions))[0]).toEqual(before);
    expect(await count('platform.outbox_event')).toBe(events);
  });

  it('checks the version column of a people file like the API checks a PATCH', async () => {
    const text = (await request(api.url).get('/api/v1/org/export/people?format=csv').set('authorization', bearer(admin)).expect(200)).text.replace(/^\uFEFF/, '');
    const [header, ...lines] = text.split('\r\n').filter(Boolean);
    expect(header).toBe(`${PEOPLE_HEADER},version`);
    const line = (username: string) => lines.find((candidate) => candidate.split(',')[2] === username) as string;
    const rename = (row: string, from: string, to: string) => row.replace(`,${from},`, `,${to},`);
    const [liu] = await sql<{ id: string; version: number }>(api, `SELECT id, version FROM org.person WHERE username = 'liu.yang'`);
    expect(line('liu.yang').endsWith(`,${liu.version}`)).toBe(true);

    // Someone saves the person after the export: the file's row is stale and nothing is imported.
    await request(api.url).patch(`/api/v1/org/people/${liu.id}`).set('authorization', bearer(admin)).send({ version: liu.version, mobile: '13900002222' }).expect(200);
    const stale = await upload('people', 'text/csv', [header, rename(line('liu.yang'), '刘洋', '刘洋改'), line('employee')].join('\n')).expect(422);
    expect(stale.body.errors).toEqual([
      { field: 'rows[2].version', message: `is ${liu.version}, but the person was changed since (now version ${liu.version + 1}): export again and redo the change on the current data` },
    ]);
    const [kept] = await sql<{ name: string }>(api, `SELECT name FROM org.person WHERE id = $1`, [liu.id]);
    expect(kept.name).toBe('刘洋');

    // The current version goes through; an empty version cell, or no version column, is not checked.
    const fresh = (await request(api.url).get('/api/v1/org/export/people?format=csv').set('authorization', bearer(admin)).expect(200)).text.replace(/^\uFEFF/, '');
    const freshLine = fresh.split('\r\n').find((candidate) => candidate.split(',')[2] === 'liu.yang') as string;
    expect((await upload('people', 'text/csv', [header, rename(freshLine, '刘洋', '刘洋改')].join('\n')).expect(200)).body).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect((await upload('people', 'text/csv', [header, rename(freshLine, '刘洋', '刘洋再改').replace(/,\d+$/, ',')].join('\n')).expect(200)).body).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const withoutVersion = [PEOPLE_HEADER, rename(freshLine, '刘洋', '刘洋三改').replace(/,\d+$/, '')].join('\n');
    expect((await upload('people', 'text/csv', withoutVersion).expect(200)).body).toEqual({ created: 0, updated: 1, unchanged: 0 });

    // A version on a row that creates a person is a mistake in the file.
    const newcomer = `${PEOPLE_HEADER},version\nV100,新人,new.versioned,,,OPS,CLERK,,,active,,3`;
    const refused = await upload('people', 'text/csv', newcomer).expect(422);
    expect(refused.body.errors).toEqual([{ field: 'rows[2].version', message: 'is given, but no person has employee number V100: leave it empty for a new person' }]);
  });

  it('exports departments as CSV and reads them back', async () => {
    const exported = await request(api.url).get('/api/v1/org/export/departments?format=csv').set('authorization', bearer(admin)).expect(200);
    expect(exported.text.split('\r\n')[0]).toBe('\uFEFFcode,name,parentCode,leaderEmployeeNo,deputyEmployeeNo,sortOrder');
    expect(exported.text).toContain('SALES-EAST,华东销售组,SALES');
    const active = await count(`org.department WHERE status = 'active'`);
    expect((await upload('departments', 'text/csv', exported.text).expect(200)).body).toEqual({ created: 0, updated: 0, unchanged: active });
  });

  it('changes only the department rows that differ: no version bump and no event for the rest', async () => {
    const versions = async () => new Map((await sql<{ code: string; version: number }>(api, 'SELECT code, version FROM org.department')).map((row) => [row.code, row.version]));
    const outbox = async () => sql<{ type: string; aggregate_id: string }>(api, 'SELECT type, aggregate_id FROM platform.outbox_event ORDER BY id');
    const exported = (await request(api.url).get('/api/v1/org/export/departments?format=csv').set('authorization', bearer(admin)).expect(200)).text;
    const [before, eventsBefore] = [await versions(), (await outbox()).length];
    const active = await count(`org.department WHERE status = 'active'`);

    expect((await upload('departments', 'text/csv', exported).expect(200)).body).toEqual({ created: 0, updated: 0, unchanged: active });
    expect(await versions()).toEqual(before);
    expect((await outbox()).length).toBe(eventsBefore);

    const renamed = exported.replace('SALES-EAST,华东销售组,SALES', 'SALES-EAST,华东大区,SALES');
    expect((await upload('departments', 'text/csv', renamed).expect(200)).body).toEqual({ created: 0, updated: 1, unchanged: active - 1 });
    const after = await versions();
    expect([...after].filter(([code, version]) => before.get(code) !== version)).toEqual([['SALES-EAST', (before.get('SALES-EAST') as number) + 1]]);
    const [east] = await sql<{ id: string }>(api, `SELECT id FROM org.department WHERE code = 'SALES-EAST'`);
    expect((await outbox()).slice(eventsBefore)).toEqual([{ type: 'org.department.changed', aggregate_id: east.id }]);
  });

  it('refuses a department row for an archived department', async () => {
    await sql(api, `INSERT INTO org.department (id, code, name, status, archived_at) VALUES (gen_random_uuid(), 'OLD-ARCH', '旧部门', 'archived', now())`);
    const answer = await upload('departments', 'text/csv', 'code,name,parentCode,leaderEmployeeNo,deputyEmployeeNo,sortOrder\nOLD-ARCH,旧部门改名,,,,1\n').expect(422);
    expect(answer.body.errors).toEqual([{ field: 'rows[2].code', message: 'department OLD-ARCH is archived; an archived department cannot be changed' }]);
  });

  it('answers 400 to an unsupported type, unknown columns or an unreadable file', async () => {
    await upload('people', 'text/csv', 'employeeNo,shoeSize\nX1,42\n').expect(400);
    await upload('people', XLSX, Buffer.from('not a zip file')).expect(400);
    await request(api.url).post('/api/v1/org/import/people').set('authorization', bearer(admin)).send({ rows: [] }).expect(400);
  });
});
