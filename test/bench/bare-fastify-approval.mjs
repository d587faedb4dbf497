// The baseline of bench:approval-write: bare Fastify and pg writing what submitting a
// request of the demo's 通用审批 writes — the audit facts the change trigger reads
// (which then writes the request's and the task's change rows, as for the API), the
// request with its number, the start and approval node runs, the task, the history
// entry, the assignee's notification announced on the notification channel with the
// applicant's badge nudge, and the request's audit row — in one transaction, a
// statement per table as a hand-written handler would, with no authentication,
// validation, rules or framework.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const facts = JSON.parse(process.env.BENCH_FACTS);
const year = new Date().getFullYear();

const app = Fastify({ logger: false });
app.post('/api/v1/oa/requests', async (request, reply) => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const id = randomUUID();
    const now = new Date();
    const requestId = randomUUID();
    const audit = { actorId: facts.applicant_id, actorUsername: 'employee', ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId, correlationId: requestId, causationId: null, action: 'oa:request:submit' };
    await client.query(`SELECT set_config('zhongshu.audit', $1, true)`, [JSON.stringify(audit)]);
    const [{ n }] = (await client.query('SELECT oa.next_request_number($1) AS n', [year])).rows;
    const number = `OA-${year}-${String(n).padStart(6, '0')}`;
    await client.query(
      `INSERT INTO oa.request (id, number, request_type_id, type_version_id, title, applicant_id, applicant_department_id, form_data, status, round, submitted_at, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'running', 1, $9, $6, $6)`,
      [id, number, facts.request_type_id, facts.type_version_id, facts.title, facts.applicant_id, facts.applicant_department_id, JSON.stringify(request.body.formData), now],
    );
    const startRun = randomUUID();
    const approvalRun = randomUUID();
    await client.query(
      `INSERT INTO oa.node_run (id, request_id, node_id, node_type, round, status, started_at, ended_at, created_by, updated_by)
       VALUES ($1, $3, 'start', 'start', 1, 'done', $4, $4, $5, $5), ($2, $3, $6, 'approval', 1, 'active', $4, NULL, $5, $5)`,
      [startRun, approvalRun, id, now, facts.applicant_id, facts.node_id],
    );
    const taskId = randomUUID();
    await client.query(
      `INSERT INTO oa.task (id, request_id, node_run_id, node_id, round, assignee_id, origin, seq, status, opened_at, created_by, updated_by)
       VALUES ($1, $2, $3, $4, 1, $5, 'rule', 0, 'open', $6, $7, $7)`,
      [taskId, id, approvalRun, facts.node_id, facts.assignee_id, now, facts.applicant_id],
    );
    await client.query(`INSERT INTO oa.history (id, request_id, round, node_id, action, actor_id, at) VALUES ($1, $2, 1, 'start', 'submit', $3, $4)`, [randomUUID(), id, facts.applicant_id, now]);
    const notificationId = randomUUID();
    await client.query(
      `INSERT INTO platform.notification (id, recipient_id, kind, title, link, source_type, source_id) VALUES ($1, $2, 'oa.task.assigned', $3, $4, 'oa.request', $5)`,
      [notificationId, facts.assignee_id, `李明 请你审批：通用审批 ${number}`, `/oa/requests/${id}`, id],
    );
    await client.query(`SELECT pg_notify('zhongshu_notification', $1), pg_notify('zhongshu_notification', $2)`, [`${facts.assignee_id}/${notificationId}`, facts.applicant_id]);
    await client.query(
      `INSERT INTO platform.audit_log (kind, actor_id, actor_username, ip, user_agent, action, entity_type, entity_id, outcome, request_id, correlation_id)
       VALUES ('request', $1, 'employee', $2, $3, 'oa:request:submit', 'oa.request', NULL, 'success', $4, $4)`,
      [facts.applicant_id, audit.ip, audit.userAgent, requestId],
    );
    await client.query('COMMIT');
    reply.code(201);
    return { id, number, status: 'running' };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
});
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => pool.end()).then(() => process.exit(0)));
