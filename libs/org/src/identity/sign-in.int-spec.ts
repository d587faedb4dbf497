import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { newId } from '@zhongshu/platform';
import { startTestApi, type TestApi } from '../../../../test/harness/test-api.js';
import { SignInService } from './sign-in.service.js';

describe('sign-in bookkeeping (real PostgreSQL)', () => {
  let api: TestApi;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startTestApi({ env: { JWT_SECRET: 'zhongshu-test-secret-0123456789abcdefghij' } });
    dataSource = api.app.get(DataSource);
  });
  afterAll(async () => api.close());

  it('prunes attempts older than a day, addresses unused for half a year and sessions a day past expiry, keeping recent ones', async () => {
    await dataSource.query(`INSERT INTO org.department (id, code, name) VALUES ($1, 'PRUNE', 'prune')`, [newId()]);
    const [department] = await dataSource.query(`SELECT id FROM org.department WHERE code = 'PRUNE'`);
    const person = newId();
    await dataSource.query(`INSERT INTO org.person (id, employee_no, name, username, main_department_id) VALUES ($1, 'P1', 'p', 'prune.me', $2)`, [person, department.id]);
    await dataSource.query(`INSERT INTO org.login_attempt (username, succeeded, attempted_at) VALUES ('old', false, now() - interval '2 days'), ('new', false, now())`);
    const [stale, live] = [newId(), newId()];
    await dataSource.query(
      `INSERT INTO org.session (id, person_id, expires_at) VALUES ($1, $3, now() - interval '3 days'), ($2, $3, now() + interval '3 days')`,
      [stale, live, person],
    );
    await dataSource.query(
      `INSERT INTO org.sign_in_address (person_id, ip, last_signed_in_at) VALUES ($1, '10.9.9.1', now() - interval '181 days'), ($1, '10.9.9.2', now() - interval '179 days')`,
      [person],
    );
    await api.app.get(SignInService).prune();
    expect((await dataSource.query('SELECT ip FROM org.sign_in_address')).map((row: { ip: string }) => row.ip)).toEqual(['10.9.9.2']);
    expect((await dataSource.query('SELECT username FROM org.login_attempt')).map((row: { username: string }) => row.username)).toEqual(['new']);
    expect((await dataSource.query('SELECT id FROM org.session')).map((row: { id: string }) => row.id)).toEqual([live]);
  });
});
