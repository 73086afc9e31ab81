import type { SqlSyntax } from '../sql-store/sql-dialect.js';

/** Postgres's side of the SQL that differs. */
export const postgresSyntax: SqlSyntax = {
  startsWith: (column, prefix) => `starts_with(${column}, ${prefix})`,
  position: (text, search) => `strpos(${text}, ${search})`,
  // One array parameter, whatever the number of items.
  inList: (column, first) => `${column} = ANY($${first}::text[])`,
  listValues: (items) => [items],
  listChunk: 10_000,
  // Another worker's commit or takeover waits for the row until this transaction ends.
  lockRows: ' FOR UPDATE',
};
