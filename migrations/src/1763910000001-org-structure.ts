import type { MigrationInterface, QueryRunner } from 'typeorm';

const AUDIT_COLUMNS = `
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  updated_by uuid,
  version integer NOT NULL DEFAULT 1`;

/**
 * The org structure: departments as a tree, positions, people with their part-time
 * posts, and roles (permission codes plus a data scope). Every table here is audited
 * field by field. `org.access_revision` moves whenever something that decides a
 * person's permissions or reach changes, so API processes know when to recompute.
 */
export class OrgStructure1763910000001 implements MigrationInterface {
  name = 'OrgStructure1763910000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE org.department (
        id uuid PRIMARY KEY,
        parent_id uuid REFERENCES org.department (id),
        code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        leader_id uuid,
        deputy_id uuid,
        sort_order integer NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
        archived_at timestamptz,
        CHECK (parent_id IS DISTINCT FROM id),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE UNIQUE INDEX department_code ON org.department (lower(code))');
    await runner.query('CREATE INDEX department_parent ON org.department (parent_id)');

    await runner.query(`
      CREATE TABLE org.position (
        id uuid PRIMARY KEY,
        code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE UNIQUE INDEX position_code ON org.position (lower(code))');

    await runner.query(`
      CREATE TABLE org.person (
        id uuid PRIMARY KEY,
        employee_no text NOT NULL CHECK (employee_no ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        username text NOT NULL CHECK (username ~ '^[a-z][a-z0-9_.-]{1,39}$'),
        email text,
        mobile text,
        main_department_id uuid NOT NULL REFERENCES org.department (id),
        position_id uuid REFERENCES org.position (id),
        manager_id uuid REFERENCES org.person (id),
        hire_date date,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled', 'left')),
        password_hash text,
        password_changed_at timestamptz,
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        CHECK (manager_id IS DISTINCT FROM id),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE UNIQUE INDEX person_employee_no ON org.person (lower(employee_no))');
    await runner.query('CREATE UNIQUE INDEX person_username ON org.person (username)');
    await runner.query('CREATE UNIQUE INDEX person_email ON org.person (lower(email)) WHERE email IS NOT NULL');
    await runner.query('CREATE INDEX person_main_department ON org.person (main_department_id, name)');
    await runner.query('CREATE INDEX person_manager ON org.person (manager_id)');
    await runner.query('CREATE INDEX person_name ON org.person (name, id)');
    await runner.query('ALTER TABLE org.department ADD CONSTRAINT department_leader FOREIGN KEY (leader_id) REFERENCES org.person (id)');
    await runner.query('ALTER TABLE org.department ADD CONSTRAINT department_deputy FOREIGN KEY (deputy_id) REFERENCES org.person (id)');

    await runner.query(`
      CREATE TABLE org.part_time_post (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES org.person (id) ON DELETE CASCADE,
        department_id uuid NOT NULL REFERENCES org.department (id),
        position_id uuid REFERENCES org.position (id),
        UNIQUE (person_id, department_id),
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE INDEX part_time_post_department ON org.part_time_post (department_id)');

    await runner.query(`
      CREATE TABLE org.role (
        id uuid PRIMARY KEY,
        code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_-]{1,39}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        description text,
        permissions text[] NOT NULL DEFAULT '{}',
        all_permissions boolean NOT NULL DEFAULT false,
        data_scope text NOT NULL DEFAULT 'self'
          CHECK (data_scope IN ('self', 'department', 'department-and-below', 'chosen-departments', 'all')),
        scope_department_ids uuid[] NOT NULL DEFAULT '{}',
        ${AUDIT_COLUMNS}
      )`);
    await runner.query('CREATE UNIQUE INDEX role_code ON org.role (code)');

    await runner.query(`
      CREATE TABLE org.person_role (
        person_id uuid NOT NULL REFERENCES org.person (id) ON DELETE CASCADE,
        role_id uuid NOT NULL REFERENCES org.role (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid,
        PRIMARY KEY (person_id, role_id)
      )`);
    await runner.query('CREATE INDEX person_role_role ON org.person_role (role_id)');

    await runner.query('CREATE TABLE org.access_revision (id boolean PRIMARY KEY DEFAULT true CHECK (id), revision bigint NOT NULL)');
    await runner.query('INSERT INTO org.access_revision (revision) VALUES (1)');
    await runner.query(`
      CREATE FUNCTION org.bump_access_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE org.access_revision SET revision = revision + 1;
        RETURN NULL;
      END
      $$`);

    const bookkeeping: Record<string, string> = { person: `'failed_login_count', 'locked_until', 'last_login_at'` };
    for (const table of ['department', 'position', 'person', 'part_time_post', 'role', 'person_role']) {
      await runner.query(`
        CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON org.${table}
        FOR EACH ROW EXECUTE FUNCTION platform.audit_row_change(${bookkeeping[table] ?? ''})`);
    }
    for (const table of ['department', 'part_time_post', 'role', 'person_role']) {
      await runner.query(`
        CREATE TRIGGER ${table}_access_revision AFTER INSERT OR UPDATE OR DELETE ON org.${table}
        FOR EACH STATEMENT EXECUTE FUNCTION org.bump_access_revision()`);
    }
    await runner.query(`
      CREATE TRIGGER person_access_revision AFTER INSERT OR DELETE OR UPDATE OF main_department_id, status ON org.person
      FOR EACH STATEMENT EXECUTE FUNCTION org.bump_access_revision()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['person_role', 'role', 'part_time_post']) await runner.query(`DROP TABLE org.${table}`);
    await runner.query('ALTER TABLE org.department DROP CONSTRAINT department_leader, DROP CONSTRAINT department_deputy');
    for (const table of ['person', 'position', 'department', 'access_revision']) await runner.query(`DROP TABLE org.${table}`);
    await runner.query('DROP FUNCTION org.bump_access_revision()');
  }
}
