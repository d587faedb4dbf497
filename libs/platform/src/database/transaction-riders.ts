import { createRequire } from 'node:module';
import pg from 'pg';
import { QueryFailedError, QueryResult, type DataSource, type QueryRunner } from 'typeorm';

/**
 * Statements a transaction carries in the round trip of its first statement (the audit
 * context the change trigger reads) or of its COMMIT (the request's audit row), so that
 * what every transaction needs costs no round trip of its own. Each returns SQL with its
 * values written as literals (`sqlLiteral`), or undefined when it has nothing to add; it
 * is asked in the async context of the work, when the transaction begins or commits.
 */
export interface TransactionRider {
  begin?(): string | undefined;
  commit?(): string | undefined;
}

/**
 * A statement one transaction adds to its own COMMIT (an event for the outbox): sent
 * in that round trip, before the riders' statements, its rows handed to `returned`.
 */
export interface CommitStatement {
  sql: string;
  returned?(rows: Array<Record<string, unknown>>): void;
}

const require = createRequire(import.meta.url);
// The conversion node-postgres applies to every parameter, so a value written as a
// literal reaches the server as the very text a parameter would have carried.
const { prepareValue } = require('pg/lib/utils.js') as { prepareValue(value: unknown): string | Buffer | null };

/** A value as an SQL literal: the text node-postgres would send as its parameter, quoted. */
export function sqlLiteral(value: unknown): string {
  const prepared = prepareValue(value);
  if (prepared === null) return 'NULL';
  if (Buffer.isBuffer(prepared)) return `'\\x${prepared.toString('hex')}'::bytea`;
  // PostgreSQL text cannot hold NUL (a parameter carrying one is refused just the same).
  return pg.escapeLiteral(prepared);
}

/**
 * `text` with its `$n` placeholders replaced by the values as literals, placeholders in
 * quotes, quoted identifiers, dollar quotes and comments left alone. node-postgres sends
 * parameters as text of unknown type, which the server types exactly as it types a
 * quoted literal, so the statement means the same.
 */
export function inlineParameters(text: string, parameters: readonly unknown[] | undefined): string {
  if (!parameters || parameters.length === 0) return text;
  let result = '';
  for (const part of templateOf(text)) {
    if (typeof part === 'string') {
      result += part;
      continue;
    }
    if (part < 1 || part > parameters.length) throw new Error(`the statement uses $${part} but has ${parameters.length} parameters`);
    result += sqlLiteral(parameters[part - 1]);
  }
  return result;
}

// Statements are mostly constants: each is split into text and placeholders once.
const templates = new Map<string, Array<string | number>>();
const TEMPLATE_LIMIT = 2_000;

/** `text` as literal parts and placeholder numbers. */
function templateOf(text: string): Array<string | number> {
  const known = templates.get(text);
  if (known) return known;
  const parts: Array<string | number> = [];
  const special = /['"$]|--|\/\*/g;
  let copied = 0;
  let match: RegExpExecArray | null;
  while ((match = special.exec(text)) !== null) {
    const index = match.index;
    let end = index + match[0].length;
    if (match[0] === "'") {
      const escapes = index > 0 && /[eE]/.test(text[index - 1]) && !/[A-Za-z0-9_$]/.test(text[index - 2] ?? ' ');
      end = closing(text, index + 1, "'", escapes);
    } else if (match[0] === '"') {
      end = closing(text, index + 1, '"', false);
    } else if (match[0] === '--') {
      const newline = text.indexOf('\n', index);
      end = newline === -1 ? text.length : newline + 1;
    } else if (match[0] === '/*') {
      const close = text.indexOf('*/', index + 2);
      end = close === -1 ? text.length : close + 2;
    } else if (!/[A-Za-z0-9_$]/.test(text[index - 1] ?? ' ')) {
      const rest = text.slice(index, index + 80);
      const placeholder = /^\$(\d+)/.exec(rest);
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest);
      if (placeholder) {
        parts.push(text.slice(copied, index), Number(placeholder[1]));
        copied = index + placeholder[0].length;
        special.lastIndex = copied;
        continue;
      }
      if (tag) {
        const close = text.indexOf(tag[0], index + tag[0].length);
        end = close === -1 ? text.length : close + tag[0].length;
      }
    }
    special.lastIndex = end;
  }
  parts.push(text.slice(copied));
  if (templates.size >= TEMPLATE_LIMIT) templates.clear();
  templates.set(text, parts);
  return parts;
}

/** Where a quoted string or identifier opened before `from` ends (doubled quotes, and backslashes in E'' strings, escape). */
function closing(text: string, from: number, quote: string, backslashEscapes: boolean): number {
  let index = from;
  while (index < text.length) {
    const char = text[index];
    if (backslashEscapes && char === '\\') index += 2;
    else if (char === quote && text[index + 1] === quote) index += 2;
    else if (char === quote) return index + 1;
    else index += 1;
  }
  return text.length;
}

interface RunnerState {
  /** BEGIN and the riders' statements, until the first statement carries them. */
  pendingBegin?: string[];
  commitStatements: CommitStatement[];
}

const RIDERS = Symbol('zhongshu.transactionRiders');
const states = new WeakMap<QueryRunner, RunnerState>();

/**
 * Adds a statement to the COMMIT of the transaction `runner` is in. Refused outside
 * one: without a COMMIT it would never be sent.
 */
export function addCommitStatement(runner: QueryRunner | undefined, statement: CommitStatement): void {
  const state = runner && states.get(runner);
  if (!runner?.isTransactionActive || !state) throw new Error('a statement for COMMIT needs a running transaction of this data source');
  state.commitStatements.push(statement);
}

/**
 * Makes every query runner of `dataSource` send BEGIN, with what the riders add to it,
 * in the round trip of the transaction's first statement (its parameters then written
 * as literals: a simple query carries several statements but no parameters), and the
 * riders' COMMIT statements with the COMMIT. A statement that fails in front of the
 * COMMIT fails the commit: the server skips the COMMIT after the error and the
 * transaction is rolled back, so nothing commits without, say, its audit row. A
 * transaction that sends nothing before it rolls back sends nothing at all.
 */
export function carryRiders(dataSource: DataSource): TransactionRider[] {
  const installed = (dataSource as unknown as Record<symbol, TransactionRider[] | undefined>)[RIDERS];
  if (installed) return installed;
  const riders: TransactionRider[] = [];
  (dataSource as unknown as Record<symbol, TransactionRider[]>)[RIDERS] = riders;
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    const state: RunnerState = { commitStatements: [] };
    states.set(runner, state);
    const query = runner.query.bind(runner) as (text: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
    const stream = runner.stream.bind(runner);

    /**
     * Sends statements as one simple query; answers the result of the last one as
     * TypeORM's query() would, and hands commit statements their rows. Logs and errors
     * show `shown`: a statement's own text with its placeholders, never the values
     * written into it (they may be password hashes).
     */
    const send = async (
      statements: string[],
      shown: string[],
      options: { parameters?: unknown[]; structured?: boolean; returned?: Array<{ statement: CommitStatement; at: number }> } = {},
    ): Promise<unknown> => {
      const connection = (await runner.connect()) as pg.PoolClient;
      const display = shown.join(';\n');
      dataSource.logger.logQuery(display, undefined, runner);
      let raw: pg.QueryResult | pg.QueryResult[];
      try {
        raw = (await connection.query(statements.join(';\n'))) as unknown as pg.QueryResult | pg.QueryResult[];
      } catch (error) {
        dataSource.logger.logQueryError(error as Error, display, undefined, runner);
        throw new QueryFailedError(display, options.parameters, error as Error);
      }
      const results = Array.isArray(raw) ? raw : [raw];
      for (const { statement, at } of options.returned ?? []) statement.returned?.(results[at]?.rows ?? []);
      const answered = results[results.length - 1];
      const result = new QueryResult();
      result.records = answered.rows;
      result.affected = answered.rowCount ?? undefined;
      result.raw = answered.command === 'UPDATE' || answered.command === 'DELETE' ? [answered.rows, answered.rowCount] : answered.rows;
      return options.structured ? result : result.raw;
    };

    const empty = (structured: boolean | undefined): unknown => (structured ? new QueryResult() : []);

    runner.query = (async (text: string, parameters?: unknown[], structured?: boolean) => {
      if (text === 'START TRANSACTION') {
        state.commitStatements = [];
        state.pendingBegin = [text, ...riders.map((rider) => rider.begin?.()).filter((sql) => sql !== undefined)];
        return empty(structured);
      }
      const pendingBegin = state.pendingBegin;
      if (text === 'COMMIT') {
        const own = state.commitStatements;
        state.commitStatements = [];
        state.pendingBegin = undefined;
        const carried = [...own.map((statement) => statement.sql), ...riders.map((rider) => rider.commit?.()).filter((sql) => sql !== undefined)];
        if (carried.length === 0) {
          // A transaction that sent nothing has nothing to commit.
          return pendingBegin ? empty(structured) : query(text, parameters, structured);
        }
        const begun = pendingBegin ?? [];
        const statements = [...begun, ...carried, text];
        const returned = own.map((statement, offset) => ({ statement, at: begun.length + offset }));
        return send(statements, statements, { structured, returned });
      }
      if (pendingBegin) {
        if (text === 'ROLLBACK') {
          // Nothing was sent: nothing to roll back.
          state.pendingBegin = undefined;
          state.commitStatements = [];
          return empty(structured);
        }
        if (/^SET TRANSACTION\b/i.test(text)) {
          // Must come before any other statement of the transaction, the riders' too.
          pendingBegin.splice(1, 0, text);
          return empty(structured);
        }
        state.pendingBegin = undefined;
        return send([...pendingBegin, inlineParameters(text, parameters)], [...pendingBegin, text], { parameters, structured });
      }
      if (text === 'ROLLBACK') state.commitStatements = [];
      return query(text, parameters, structured);
    }) as QueryRunner['query'];

    runner.stream = (async (...args: Parameters<QueryRunner['stream']>) => {
      const pendingBegin = state.pendingBegin;
      if (pendingBegin) {
        state.pendingBegin = undefined;
        await send(pendingBegin, pendingBegin);
      }
      return stream(...args);
    }) as QueryRunner['stream'];
    return runner;
  };
  return riders;
}
