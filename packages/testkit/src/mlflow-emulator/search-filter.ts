import { invalidParameter } from './emulator-error.js';

/** One `identifier comparator value` clause of an MLflow search filter; clauses are joined with AND only. */
export interface FilterClause {
  /** The identifier's prefix as written (`metrics`, `tags`, `attributes`, `trace`, `feedback`), or '' for a bare key. */
  prefix: string;
  key: string;
  /** Upper case: `=`, `!=`, `<`, `<=`, `>`, `>=`, `LIKE`, `ILIKE`, `RLIKE`, `IN`, `NOT IN`. */
  comparator: string;
  value: FilterValue;
}

export type FilterValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'list'; values: string[] };

const comparatorWords = new Set(['LIKE', 'ILIKE', 'RLIKE', 'IN', 'NOT']);
const symbolComparators = new Set(['=', '!=', '<>', '<', '<=', '>', '>=']);

/**
 * Parses the SQL-like filter grammar of runs/search, traces/search and experiments/search (mlflow/utils/search_utils):
 * keys with `/`, `-` or spaces need double quotes or backticks, string values single quotes, clauses AND only.
 * Errors are 400 INVALID_PARAMETER_VALUE with messages close to the real server's (which are not stable anyway).
 */
export function parseSearchFilter(filter: string | undefined): FilterClause[] {
  if (filter === undefined || filter.trim() === '') return [];
  const parser = new FilterParser(filter);
  return parser.parse();
}

class FilterParser {
  private position = 0;

  constructor(private readonly text: string) {}

  parse(): FilterClause[] {
    const clauses: FilterClause[] = [];
    for (;;) {
      this.skipSpace();
      clauses.push(this.clause());
      this.skipSpace();
      if (this.atEnd()) return clauses;
      const word = this.peekWord().toUpperCase();
      if (word === 'AND') {
        this.position += 3;
        continue;
      }
      if (word === 'OR') throw invalidParameter(`Invalid clause(s) in filter string: 'OR'`);
      throw invalidParameter(`Invalid clause(s) in filter string: '${this.text.slice(this.position)}'`);
    }
  }

  private clause(): FilterClause {
    const start = this.position;
    const { prefix, key } = this.identifier();
    this.skipSpace();
    const comparator = this.comparator(start);
    this.skipSpace();
    const value = this.value(comparator);
    return { prefix, key, comparator, value };
  }

  private identifier(): { prefix: string; key: string } {
    const start = this.position;
    const match = /^[A-Za-z_][\w.]*/.exec(this.text.slice(this.position));
    if (!match) {
      throw invalidParameter(`Invalid clause(s) in filter string: '${this.text.slice(this.position)}'`);
    }
    this.position += match[0].length;
    const word = match[0];
    const next = this.text[this.position];
    if (word.endsWith('.')) {
      const prefix = word.slice(0, -1);
      if (next === '"' || next === '`') {
        const key = this.quoted(next);
        return { prefix, key };
      }
      throw invalidParameter(`Invalid clause(s) in filter string: '${word}'`);
    }
    if (next !== undefined && /[/\-:]/.test(next)) {
      const rest = /^[^\s=!<>]*/.exec(this.text.slice(start))?.[0] ?? word;
      throw invalidParameter(`Invalid comparison clause. Expected 'Identifier' found '${rest}'`);
    }
    const dot = word.indexOf('.');
    if (dot === -1) return { prefix: '', key: word };
    return { prefix: word.slice(0, dot), key: word.slice(dot + 1) };
  }

  private comparator(clauseStart: number): string {
    const symbols = /^[=!<>]+/.exec(this.text.slice(this.position));
    if (symbols) {
      this.position += symbols[0].length;
      if (!symbolComparators.has(symbols[0])) {
        throw invalidParameter(
          `Invalid comparator '${symbols[0]}' not one of '{'<', '<=', '>', '=', '!=', '>='}`,
        );
      }
      return symbols[0] === '<>' ? '!=' : symbols[0];
    }
    const word = this.peekWord().toUpperCase();
    if (!comparatorWords.has(word)) {
      throw invalidParameter(
        `Invalid clause(s) in filter string: ${this.text.slice(clauseStart).trim().split(/\s+/).join(', ')}`,
      );
    }
    this.position += word.length;
    if (word !== 'NOT') return word;
    this.skipSpace();
    if (this.peekWord().toUpperCase() !== 'IN') {
      throw invalidParameter(`Invalid clause(s) in filter string: 'NOT'`);
    }
    this.position += 2;
    return 'NOT IN';
  }

  private value(comparator: string): FilterValue {
    const char = this.text[this.position];
    if (comparator === 'IN' || comparator === 'NOT IN') {
      if (char !== '(') throw invalidParameter(`While parsing a list in the query, expected a '(' after IN`);
      this.position++;
      const values: string[] = [];
      for (;;) {
        this.skipSpace();
        const quote = this.text[this.position];
        if (quote !== "'" && quote !== '"') {
          throw invalidParameter(
            'While parsing a list in the query, expected string value, punctuation, or whitespace',
          );
        }
        values.push(this.quoted(quote));
        this.skipSpace();
        const separator = this.text[this.position++];
        if (separator === ')') return { kind: 'list', values };
        if (separator !== ',') throw invalidParameter('While parsing a list in the query, expected a comma');
      }
    }
    if (char === "'" || char === '"') return { kind: 'string', value: this.quoted(char) };
    const number = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.text.slice(this.position));
    if (number) {
      this.position += number[0].length;
      return { kind: 'number', value: Number(number[0]), text: number[0] };
    }
    throw invalidParameter(
      `Invalid clause(s) in filter string: '${this.text.slice(this.position).split(/\s+/)[0] ?? ''}'`,
    );
  }

  /** A quoted token starting at the current position; a doubled quote inside stands for one. */
  private quoted(quote: string): string {
    let result = '';
    this.position++;
    while (this.position < this.text.length) {
      const char = this.text[this.position++]!;
      if (char !== quote) {
        result += char;
        continue;
      }
      if (this.text[this.position] === quote) {
        result += quote;
        this.position++;
        continue;
      }
      return result;
    }
    throw invalidParameter(`Invalid clause(s) in filter string: unterminated ${quote}`);
  }

  private peekWord(): string {
    return /^[A-Za-z]+/.exec(this.text.slice(this.position))?.[0] ?? '';
  }

  private skipSpace(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position]!)) this.position++;
  }

  private atEnd(): boolean {
    return this.position >= this.text.length;
  }
}

/** Compares a stored string with a clause value: =, !=, LIKE, ILIKE, RLIKE, IN, NOT IN. */
export function matchString(actual: string | undefined, comparator: string, value: FilterValue): boolean {
  if (actual === undefined) return false;
  switch (comparator) {
    case '=':
      return value.kind !== 'list' && actual === String(value.value);
    case '!=':
      return value.kind !== 'list' && actual !== String(value.value);
    case 'LIKE':
      return value.kind === 'string' && likePattern(value.value, false).test(actual);
    case 'ILIKE':
      return value.kind === 'string' && likePattern(value.value, true).test(actual);
    case 'RLIKE':
      return value.kind === 'string' && new RegExp(value.value).test(actual);
    case 'IN':
      return value.kind === 'list' && value.values.includes(actual);
    case 'NOT IN':
      return value.kind === 'list' && !value.values.includes(actual);
    default:
      return false;
  }
}

/** Compares a stored number with a numeric clause value. */
export function matchNumber(actual: number | undefined, comparator: string, expected: number): boolean {
  if (actual === undefined || Number.isNaN(actual)) return false;
  switch (comparator) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    default:
      return false;
  }
}

const likeCache = new Map<string, RegExp>();

/** SQL LIKE: `%` any run, `_` one character; ILIKE ignores case. */
function likePattern(pattern: string, ignoreCase: boolean): RegExp {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = likeCache.get(cacheKey);
  if (!regex) {
    const source = pattern
      .split('')
      .map((char) => (char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    likeCache.set(cacheKey, regex);
  }
  return regex;
}

/** The comparators a string field accepts; numeric comparisons on strings are 400s. */
export const stringComparators = new Set(['=', '!=', 'LIKE', 'ILIKE']);
export const numericComparators = new Set(['=', '!=', '<', '<=', '>', '>=']);

/** Parses `order_by` entries such as `metrics."correctness/mean" DESC` or `timestamp_ms ASC`. */
export function parseOrderBy(entry: string): { prefix: string; key: string; ascending: boolean } {
  const match = /^\s*(.+?)(?:\s+(ASC|DESC))?\s*$/i.exec(entry);
  if (!match) throw invalidParameter(`Invalid order_by clause '${entry}'`);
  const identifier = match[1]!;
  const ascending = (match[2] ?? 'ASC').toUpperCase() === 'ASC';
  const quoted = /^([A-Za-z_]\w*)\.(["`])(.*)\2$/.exec(identifier);
  if (quoted) return { prefix: quoted[1]!, key: quoted[3]!, ascending };
  if (!/^[A-Za-z_][\w.]*$/.test(identifier)) throw invalidParameter(`Invalid order_by clause '${entry}'`);
  const dot = identifier.indexOf('.');
  if (dot === -1) return { prefix: '', key: identifier, ascending };
  return { prefix: identifier.slice(0, dot), key: identifier.slice(dot + 1), ascending };
}
