import type BetterSqlite3 from 'better-sqlite3';

export interface PreparedSql {
  statement: BetterSqlite3.Statement;
  /** `values` as better-sqlite3 binds them to this statement. */
  bind: (values: readonly unknown[]) => unknown[] | Record<string, unknown>;
}

/**
 * Prepared statements of one connection by their SQL, the least recently used dropped past `capacity`. The shared
 * statements number their parameters `$1`, `$2`, ...; a statement that uses each once, in order, binds them by
 * position (the fast path of bulk writes), any other by name (`$1` is the key `1`).
 */
export function createStatementCache(database: BetterSqlite3.Database, capacity = 100) {
  const cache = new Map<string, PreparedSql>();
  return {
    get(sql: string): PreparedSql {
      let prepared = cache.get(sql);
      if (prepared) {
        cache.delete(sql);
      } else {
        prepared = prepare(database, sql);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, prepared);
      return prepared;
    },
    clear: () => cache.clear(),
  };
}

function prepare(database: BetterSqlite3.Database, sql: string): PreparedSql {
  // The statements hold no `$` in string literals, so every `$<digits>` is a parameter.
  const numbers = [...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]));
  if (numbers.every((number, index) => number === index + 1)) {
    return { statement: database.prepare(sql.replace(/\$\d+/g, '?')), bind: (values) => values as unknown[] };
  }
  return {
    statement: database.prepare(sql),
    bind: (values) => Object.fromEntries(values.map((value, index) => [index + 1, value])),
  };
}
