import { describe, expect, it } from '@jest/globals';
import { inlineParameters, sqlLiteral } from './transaction-riders.js';

describe('sqlLiteral', () => {
  it('writes values as node-postgres would send them, quoted', () => {
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(undefined)).toBe('NULL');
    expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
    expect(sqlLiteral('back\\slash')).toBe(" E'back\\\\slash'");
    expect(sqlLiteral(42)).toBe("'42'");
    expect(sqlLiteral(true)).toBe("'true'");
    expect(sqlLiteral({ a: "it's" })).toBe(`'{"a":"it''s"}'`);
    expect(sqlLiteral(['a', 'b,c'])).toBe(`'{"a","b,c"}'`);
    expect(sqlLiteral(Buffer.from([0xde, 0xad]))).toBe("'\\xdead'::bytea");
  });
});

describe('inlineParameters', () => {
  it('replaces each placeholder by its value, $10 and $1 apart', () => {
    const values = Array.from({ length: 10 }, (_, index) => `v${index + 1}`);
    expect(inlineParameters('SELECT $1, $10, $1::uuid', values)).toBe("SELECT 'v1', 'v10', 'v1'::uuid");
  });

  it('leaves placeholders in strings, identifiers, dollar quotes and comments alone', () => {
    const sql = `SELECT '$1', "$1", $tag$ $1 $tag$, $$ $1 $$, E'\\' $1', x$1 -- $1\n, /* $1 */ $1`;
    expect(inlineParameters(sql, ['v'])).toBe(`SELECT '$1', "$1", $tag$ $1 $tag$, $$ $1 $$, E'\\' $1', x$1 -- $1\n, /* $1 */ 'v'`);
  });

  it('does not let a value close its quotes', () => {
    expect(inlineParameters('SELECT $1', ["'; DROP TABLE x; --"])).toBe("SELECT '''; DROP TABLE x; --'");
  });

  it('refuses a placeholder without its value', () => {
    expect(() => inlineParameters('SELECT $2', ['only one'])).toThrow('uses $2');
  });

  it('returns a statement without parameters as it is', () => {
    expect(inlineParameters('SELECT 1', [])).toBe('SELECT 1');
    expect(inlineParameters('SELECT 1', undefined)).toBe('SELECT 1');
  });
});
