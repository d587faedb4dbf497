// The baseline of bench:api-write: bare Fastify and pg creating the same person row,
// alone, in one transaction (one INSERT, which is its own transaction), into a copy of
// org.person with the same columns, defaults, checks, indexes and department key but
// none of the application's triggers: no authentication, validation, audit, outbox or
// framework in between.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });

const INSERT = `INSERT INTO bench.person (id, employee_no, name, username, email, mobile, main_department_id, position_id, manager_id, hire_date, status)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'active')
  RETURNING id, employee_no AS "employeeNo", name, username, email, mobile, main_department_id AS "mainDepartmentId",
            position_id AS "positionId", manager_id AS "managerId", hire_date::text AS "hireDate", status, version`;

const app = Fastify({ logger: false });
app.post('/api/v1/org/people', async (request, reply) => {
  const body = request.body;
  const { rows } = await pool.query(INSERT, [
    randomUUID(),
    body.employeeNo,
    body.name,
    body.username,
    body.email ?? null,
    body.mobile ?? null,
    body.mainDepartmentId,
    body.positionId ?? null,
    body.managerId ?? null,
    body.hireDate ?? null,
  ]);
  reply.code(201);
  return rows[0];
});
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => pool.end()).then(() => process.exit(0)));
