// The baseline of bench:api-read: bare Fastify and pg answering the same paged,
// scoped list of people with the same two SQL statements the API runs, with no
// authentication, validation or framework in between.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const userId = process.env.BENCH_USER_ID;
const departmentIds = JSON.parse(process.env.BENCH_DEPARTMENT_IDS ?? '[]');

// Exactly the two statements the API's read model sends for this caller's first page.
const LIST = `SELECT person.id AS "id", person.employee_no AS "employeeNo", person.name AS "name", person.username AS "username", person.email AS "email", person.mobile AS "mobile", person.main_department_id AS "mainDepartmentId", main_department.name AS "departmentName", person.position_id AS "positionId", person_position.name AS "positionName", person.manager_id AS "managerId", person.hire_date::text AS "hireDate", person.status AS "status", person.version AS "version" FROM org.person person LEFT JOIN org.department main_department ON main_department.id = person.main_department_id LEFT JOIN org.position person_position ON person_position.id = person.position_id WHERE (person.id = $1 OR person.main_department_id = ANY($2::uuid[])) ORDER BY person.name ASC, person.id ASC LIMIT $3 OFFSET $4`;
const COUNT = `SELECT count(*)::int AS total FROM org.person person LEFT JOIN org.department main_department ON main_department.id = person.main_department_id LEFT JOIN org.position person_position ON person_position.id = person.position_id WHERE (person.id = $1 OR person.main_department_id = ANY($2::uuid[]))`;

const app = Fastify({ logger: false });
app.get('/api/v1/org/people', async () => {
  const [list, count] = await Promise.all([pool.query(LIST, [userId, departmentIds, 20, 0]), pool.query(COUNT, [userId, departmentIds])]);
  return { items: list.rows, total: count.rows[0].total, page: 1, pageSize: 20 };
});
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => pool.end()).then(() => process.exit(0)));
