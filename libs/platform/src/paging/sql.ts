/**
 * A piece of SQL with its parameters, written as a tagged template:
 * `` sql`person.status = ${status}` ``. Every interpolated value becomes a numbered
 * parameter (`$1`), never text, so a value cannot change the statement; an
 * interpolated `Sql` is spliced in with its own parameters renumbered, so conditions
 * compose. Identifiers (tables, columns) are written in the template itself: they come
 * from code, never from a request.
 */
export class Sql {
  /** @internal */
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** The statement text with `$n` placeholders from `$first`, and its parameters. */
  render(first = 1): { text: string; values: unknown[] } {
    const values: unknown[] = [];
    const text = this.write(values, first);
    return { text, values };
  }

  private write(values: unknown[], first: number): string {
    let text = this.strings[0];
    for (let index = 0; index < this.values.length; index += 1) {
      const value = this.values[index];
      if (value instanceof Sql) text += value.write(values, first);
      else {
        values.push(value);
        text += `$${first + values.length - 1}`;
      }
      text += this.strings[index + 1];
    }
    return text;
  }
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql([...strings], values);
}

/** Trusted SQL text (a column list, an ORDER BY built from an allow-list): no parameters. */
export function rawSql(text: string): Sql {
  return new Sql([text], []);
}

/** `parts` joined by `separator` (`' AND '`); `empty` when there are none. */
export function joinSql(parts: readonly Sql[], separator: string, empty = ''): Sql {
  if (parts.length === 0) return rawSql(empty);
  const strings = ['', ...parts.slice(1).map(() => separator), ''];
  return new Sql(strings, parts);
}
