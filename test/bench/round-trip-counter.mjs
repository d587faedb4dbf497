// Counts what a benchmarked process asks of PostgreSQL and Redis, from inside it:
// loaded with `node --import ./test/bench/round-trip-counter.mjs` (the API, the
// baseline) or imported first (the event-bus worker). node-postgres has no pipelining,
// so one `Client.query` is one round trip; it may carry several statements (a simple
// query with semicolons). On Redis one command is one round trip, except the commands
// of a pipeline or MULTI, which travel together. Costs an increment per call.
//
// `snapshot()` returns the totals; with BENCH_COUNT_FILE set, SIGUSR2 writes them there
// as JSON (the bench process reads them from outside).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const counts = { pgRoundTrips: 0, pgStatements: 0, pgWriteCommits: 0, redisRoundTrips: 0, redisCommands: 0, byStatement: {} };
// Which connections are inside an explicit transaction, to tell a writing commit.
const inTransaction = new WeakSet();

/**
 * Commits that write: an explicit COMMIT of a transaction, or an INSERT, UPDATE or DELETE
 * sent outside one (its own transaction). A read or a NOTIFY outside a transaction
 * commits too, for PostgreSQL's counters, but writes nothing.
 */
function countCommits(client, text) {
  const trimmed = text.trimStart();
  if (/^(START TRANSACTION|BEGIN)\b/i.test(trimmed)) inTransaction.add(client);
  if (/(^|;)\s*COMMIT\s*;?\s*$/i.test(text)) {
    if (inTransaction.has(client)) counts.pgWriteCommits += 1;
    inTransaction.delete(client);
  } else if (/(^|;)\s*ROLLBACK\s*;?\s*$/i.test(text)) inTransaction.delete(client);
  else if (!inTransaction.has(client) && /^(INSERT|UPDATE|DELETE)\b/i.test(trimmed)) counts.pgWriteCommits += 1;
}

/** Statements in a query text: semicolons outside quotes, dollar quotes and comments, plus a last one without. */
export function countStatements(text) {
  if (!text.includes(';')) return 1;
  let statements = 0;
  let content = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === "'" || char === '"') {
      const end = text.indexOf(char, index + 1);
      index = end === -1 ? text.length : end;
      content = true;
    } else if (char === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(index));
      if (tag) {
        const end = text.indexOf(tag[0], index + tag[0].length);
        index = end === -1 ? text.length : end + tag[0].length - 1;
      }
      content = true;
    } else if (char === '-' && text[index + 1] === '-') {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
    } else if (char === ';') {
      if (content) statements += 1;
      content = false;
    } else if (!/\s/.test(char)) content = true;
  }
  return statements + (content ? 1 : 0);
}

function remember(text) {
  // Values written into a statement as literals would make each one a statement of its own.
  const key = text.replace(/'(?:[^']|'')*'/g, '?').replace(/\s+/g, ' ').trim().slice(0, 160);
  counts.byStatement[key] = (counts.byStatement[key] ?? 0) + 1;
}

// Resolved from the project root, where the app's own pg and ioredis live.
const require = createRequire(pathToFileURL(`${process.cwd()}/package.json`));
const pg = require('pg');
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(config, ...rest) {
  const text = typeof config === 'string' ? config : config?.text;
  if (typeof text === 'string') {
    counts.pgRoundTrips += 1;
    counts.pgStatements += Math.max(1, countStatements(text));
    countCommits(this, text);
    remember(text);
  }
  return query.call(this, config, ...rest);
};

try {
  const Redis = require('ioredis').default ?? require('ioredis');
  const sendCommand = Redis.prototype.sendCommand;
  Redis.prototype.sendCommand = function countedCommand(command, stream, ...rest) {
    counts.redisCommands += 1;
    // A pipeline hands its commands over with a stream of its own; it counts once, below.
    if (!stream) counts.redisRoundTrips += 1;
    return sendCommand.call(this, command, stream, ...rest);
  };
  const Pipeline = require('ioredis/built/Pipeline.js').default;
  const exec = Pipeline.prototype.exec;
  Pipeline.prototype.exec = function countedExec(...args) {
    counts.redisRoundTrips += 1;
    return exec.apply(this, args);
  };
} catch {
  // No Redis client in this process.
}

export function snapshot() {
  return structuredClone(counts);
}

if (process.env.BENCH_COUNT_FILE) {
  process.on('SIGUSR2', () => writeFileSync(process.env.BENCH_COUNT_FILE, JSON.stringify(counts)));
}
