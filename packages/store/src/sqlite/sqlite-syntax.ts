import type { SqlSyntax } from '../sql-store/sql-dialect.js';

/** SQLite's side of the SQL that differs. */
export const sqliteSyntax: SqlSyntax = {
  // instr() = 1 is "starts with", exactly and case-sensitively (LIKE folds ASCII case and needs escaping).
  startsWith: (column, prefix) => `(${prefix} = '' OR instr(${column}, ${prefix}) = 1)`,
  position: (text, search) => `instr(${text}, ${search})`,
  inList: (column, first, count) =>
    `${column} IN (${Array.from({ length: count }, (_, index) => `$${first + index}`).join(', ')})`,
  listValues: (items) => [...items],
  // SQLite's limit on bound parameters is 32,766; chunks well below it keep each statement cheap to prepare.
  listChunk: 500,
  // BEGIN IMMEDIATE takes the database's write lock for the whole transaction.
  lockRows: '',
};
