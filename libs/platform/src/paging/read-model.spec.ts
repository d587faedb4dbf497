import { describe, expect, it } from '@jest/globals';
import { combineGrants } from '../auth/data-scope.js';
import type { Principal } from '../auth/principal.js';
import { PlatformError } from '../errors/domain-error.js';
import { ReadModel, containsText, scopeCondition } from './read-model.js';
import { joinSql, rawSql, sql } from './sql.js';

interface Thing {
  id: string;
  name: string;
}

const THINGS = new ReadModel<Thing>({
  from: 'crm.thing thing',
  fields: { id: 'thing.id', name: 'thing.name' },
  sortable: { name: 'thing.name', createdAt: 'thing.created_at' },
  defaultSort: [{ column: 'thing.name', direction: 'ASC' }],
  key: 'thing.id',
});

/** A database that records what it is asked and answers from `rows`. */
function recording(rows: Array<Record<string, unknown>>) {
  const statements: Array<{ text: string; values: unknown[] }> = [];
  return {
    statements,
    query: async (text: string, values: unknown[] = []) => {
      statements.push({ text, values });
      if (text.startsWith('SELECT count(*)::int AS total FROM (')) return [{ total: rows.length }];
      if (text.startsWith('SELECT count')) return [{ total: rows.length }];
      return rows.map((row) => ({ ...row }));
    },
  };
}

const principal = (kind: 'all' | 'department', departmentIds: string[] = []): Principal => ({
  userId: 'u-1',
  username: 'u',
  permissions: new Set(['crm:thing:read']),
  departmentIds,
  dataScope: combineGrants([{ roleCode: 'r', roleName: 'r', kind, departmentIds, allPermissions: false, permissions: ['crm:thing:read'] }]),
});

describe('sql', () => {
  it('numbers every value as a parameter, also inside nested fragments', () => {
    const inner = joinSql([sql`a = ${1}`, sql`b = ${'x'}`], ' OR ');
    expect(sql`SELECT 1 WHERE (${inner}) AND c = ${true} ${rawSql('ORDER BY a')}`.render()).toEqual({
      text: 'SELECT 1 WHERE (a = $1 OR b = $2) AND c = $3 ORDER BY a',
      values: [1, 'x', true],
    });
  });
});

describe('ReadModel', () => {
  it('reads a page and its count side by side, the key ending every order', async () => {
    const db = recording([{ id: '1', name: '甲' }]);
    const page = await THINGS.page(db, [sql`thing.status = ${'open'}`], { page: 3, pageSize: 10, sort: '-createdAt' });
    expect(page).toEqual({ items: [{ id: '1', name: '甲' }], total: 1, page: 3, pageSize: 10 });
    expect(db.statements[0]).toEqual({
      text: 'SELECT thing.id AS "id", thing.name AS "name" FROM crm.thing thing WHERE thing.status = $1 ORDER BY thing.created_at DESC, thing.id DESC LIMIT $2 OFFSET $3',
      values: ['open', 10, 20],
    });
    expect(db.statements[1]).toEqual({ text: 'SELECT count(*)::int AS total FROM crm.thing thing WHERE thing.status = $1', values: ['open'] });
  });

  it('refuses a sort field that is not offered', async () => {
    await expect(THINGS.page(recording([]), [], { page: 1, pageSize: 10, sort: 'password' })).rejects.toThrow(PlatformError);
  });

  it('pages by cursor: the next page starts after the last row, in the order asked for, and the cursor is bound to its query', async () => {
    const db = recording([
      { id: '9', name: '乙', __key0: '乙', __key1: '9' },
      { id: '7', name: '乙', __key0: '乙', __key1: '7' },
      { id: '5', name: '丙', __key0: '丙', __key1: '5' },
    ]);
    const first = await THINGS.keysetPage(db, [], { pageSize: 2, sort: '-name' }, { status: 'open' });
    expect(first.items).toEqual([
      { id: '9', name: '乙' },
      { id: '7', name: '乙' },
    ]);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(db.statements[0].text).toContain('ORDER BY thing.name DESC, thing.id DESC LIMIT $1');

    await THINGS.keysetPage(db, [sql`thing.status = ${'open'}`], { pageSize: 2, sort: '-name', after: first.nextCursor! }, { status: 'open' });
    const after = db.statements[db.statements.length - 2];
    expect(after.text).toContain('WHERE thing.status = $1 AND ((thing.name, thing.id) < ($2, $3))');
    expect(after.values).toEqual(['open', '乙', '7', 3]);

    await expect(THINGS.keysetPage(db, [], { pageSize: 2, sort: '-name', after: first.nextCursor! }, { status: 'closed' })).rejects.toThrow(/another query/);
    await expect(THINGS.keysetPage(db, [], { pageSize: 2, sort: 'name', after: first.nextCursor! }, { status: 'open' })).rejects.toThrow(/another query/);
    await expect(THINGS.keysetPage(db, [], { pageSize: 2, after: '!!' }, {})).rejects.toThrow(PlatformError);
  });

  it('pages by cursor through orders of mixed directions', async () => {
    const db = recording([{ id: '1', name: '甲', __key0: '2026-01-01', __key1: '甲', __key2: '1' }]);
    const model = new ReadModel<Thing>({
      from: 'crm.thing thing',
      fields: { id: 'thing.id', name: 'thing.name' },
      sortable: { name: 'thing.name', createdAt: 'thing.created_at' },
      defaultSort: [],
      key: 'thing.id',
    });
    const cursor = Buffer.from(JSON.stringify({ q: 'wrong', k: ['a', 'b', 'c'] })).toString('base64url');
    await expect(model.keysetPage(db, [], { pageSize: 1, sort: '-createdAt,name', after: cursor }, {})).rejects.toThrow(/another query/);
    const [first] = [await model.keysetPage(recording([{ id: '1', name: '甲', __key0: 't', __key1: '甲', __key2: '1' }, { id: '2', name: '乙', __key0: 't', __key1: '乙', __key2: '2' }]), [], { pageSize: 1, sort: '-createdAt,name' }, {})];
    await model.keysetPage(db, [], { pageSize: 1, sort: '-createdAt,name', after: first.nextCursor! }, {});
    expect(db.statements[db.statements.length - 2].text).toContain(
      '(thing.created_at < $1) OR (thing.created_at = $2 AND thing.name > $3) OR (thing.created_at = $4 AND thing.name = $5 AND thing.id > $6)',
    );
  });

  it('counts exactly up to the limit and takes the planner\'s estimate beyond it', async () => {
    const statements: string[] = [];
    const db = {
      query: async (text: string) => {
        statements.push(text);
        if (text.startsWith('SELECT count')) return [{ total: 10_001 }];
        if (text.startsWith('EXPLAIN')) return [{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': 2_500_000 } }] }];
        return [];
      },
    };
    const page = await THINGS.keysetPage(db, [], { pageSize: 20 }, {});
    expect(page).toMatchObject({ total: 2_500_000, totalIsEstimate: true, nextCursor: null });
    expect(statements.some((text) => text.includes('LIMIT $1) AS matches'))).toBe(true);
  });
});

describe('conditions', () => {
  it('narrows to the caller\'s reach for the permission, or not at all for `all`', () => {
    expect(scopeCondition(principal('all'), 'crm:thing:read' as never, { owner: 't.owner_id' }).render().text).toBe('TRUE');
    expect(scopeCondition(principal('department', ['d-1']), 'crm:thing:read' as never, { owner: 't.owner_id', department: 't.department_id' }).render()).toEqual({
      text: '(t.owner_id = $1 OR t.department_id = ANY($2::uuid[]))',
      values: ['u-1', ['d-1']],
    });
  });

  it('searches each column with its own ILIKE, wildcards taken literally', () => {
    expect(containsText(['t.name', 't.code'], '50%_off').render()).toEqual({
      text: '(t.name ILIKE $1 OR t.code ILIKE $2)',
      values: ['%50\\%\\_off%', '%50\\%\\_off%'],
    });
  });
});
