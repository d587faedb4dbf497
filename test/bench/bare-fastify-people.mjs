// The baseline of bench:api-read: bare Fastify and pg answering the same paged,
// scoped list of people with the same two SQL statements the API's TypeORM query
// runs, with no authentication, validation or framework in between.
import Fastify from 'fastify';
import pg from 'pg';

// Calendar dates stay 'YYYY-MM-DD' text, as the API answers them.
pg.types.setTypeParser(1082, (value) => value);
const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const userId = process.env.BENCH_USER_ID;
const departmentIds = JSON.parse(process.env.BENCH_DEPARTMENT_IDS ?? '[]');

// Exactly what TypeORM sends for the API's query (captured from its query builder).
const LIST = `SELECT "person"."id" AS "person_id", "person"."version" AS "person_version", "person"."employee_no" AS "person_employee_no", "person"."name" AS "person_name", "person"."username" AS "person_username", "person"."email" AS "person_email", "person"."mobile" AS "person_mobile", "person"."main_department_id" AS "person_main_department_id", "person"."position_id" AS "person_position_id", "person"."manager_id" AS "person_manager_id", "person"."hire_date" AS "person_hire_date", "person"."status" AS "person_status" FROM "org"."person" "person" WHERE ("person"."id" = $1 OR "person"."main_department_id" = ANY($2)) ORDER BY "person_name" ASC, "person_id" ASC LIMIT 20 OFFSET 0`;
const COUNT = `SELECT COUNT(1) AS "cnt" FROM "org"."person" "person" WHERE ("person"."id" = $1 OR "person"."main_department_id" = ANY($2))`;

const app = Fastify({ logger: false });
app.get('/api/v1/org/people', async () => {
  const [list, count] = await Promise.all([pool.query(LIST, [userId, departmentIds]), pool.query(COUNT, [userId, departmentIds])]);
  const items = list.rows.map((row) => ({
    id: row.person_id,
    employeeNo: row.person_employee_no,
    name: row.person_name,
    username: row.person_username,
    email: row.person_email,
    mobile: row.person_mobile,
    mainDepartmentId: row.person_main_department_id,
    positionId: row.person_position_id,
    managerId: row.person_manager_id,
    hireDate: row.person_hire_date,
    status: row.person_status,
    version: row.person_version,
  }));
  return { items, total: Number(count.rows[0].cnt), page: 1, pageSize: 20 };
});
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => pool.end()).then(() => process.exit(0)));
