/**
 * The subset of LangSmith's filter query language the emulator understands
 * (https://docs.langchain.com/langsmith/trace-query-syntax#filter-query-language):
 * `and`, `or`, `not`, `eq`, `neq`, `gt`, `gte`, `lt`, `lte`, `has` and `in` over the fields below.
 * Inside one `and(...)`, conditions on `feedback_key`/`feedback_score` hold for the same feedback and conditions on
 * `metadata_key`/`metadata_value` for the same metadata entry, as in LangSmith.
 */

/** What a filter can see of a run. */
export interface FilterableRun {
  id: string;
  name: string;
  run_type: string;
  status: string;
  error: string | null;
  start_time: number;
  end_time: number | null;
  /** Seconds; null while pending. */
  latency: number | null;
  total_tokens: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_cost: number;
  tags: readonly string[];
  trace_id: string;
  parent_run_id: string | null;
  is_root: boolean;
  metadata: Record<string, unknown>;
  feedback: readonly { key: string; score: number | boolean | null; value: unknown }[];
}

export type RunFilter = (run: FilterableRun) => boolean;

type Literal = string | number | boolean | null;
type Call = { call: string; args: Node[] };
type Node = Call | { field: string } | { literal: Literal };

export class FilterSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

const comparisons = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'has', 'in']);
const scalarFields = new Set([
  'id',
  'name',
  'run_type',
  'status',
  'error',
  'start_time',
  'end_time',
  'latency',
  'total_tokens',
  'prompt_tokens',
  'completion_tokens',
  'total_cost',
  'tags',
  'trace_id',
  'parent_run_id',
  'is_root',
]);
const feedbackFields = new Set(['feedback_key', 'feedback_score', 'feedback_value']);
const metadataFields = new Set(['metadata_key', 'metadata_value']);
const timeFields = new Set(['start_time', 'end_time']);

/** Parses a filter expression; throws FilterSyntaxError (a 400 for the emulator) when it is not understood. */
export function parseRunFilter(text: string): RunFilter {
  const parser = new Parser(text);
  const node = parser.parseExpression();
  parser.expectEnd();
  return compile(node);
}

class Parser {
  private position = 0;
  constructor(private readonly text: string) {}

  parseExpression(): Node {
    this.skipSpace();
    const char = this.text[this.position];
    if (char === '"' || char === "'") return { literal: this.parseString(char) };
    const match = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(this.text.slice(this.position));
    if (match) {
      this.position += match[0].length;
      return { literal: Number(match[0]) };
    }
    const word = /^[A-Za-z_][\w.]*/.exec(this.text.slice(this.position));
    if (!word) throw new FilterSyntaxError(`unexpected input at ${this.position}: ${this.rest()}`);
    this.position += word[0].length;
    this.skipSpace();
    if (this.text[this.position] !== '(') {
      if (word[0] === 'null') return { literal: null };
      if (word[0] === 'true') return { literal: true };
      if (word[0] === 'false') return { literal: false };
      return { field: word[0] };
    }
    this.position++;
    const args: Node[] = [];
    this.skipSpace();
    if (this.text[this.position] === ')') {
      this.position++;
      return { call: word[0], args };
    }
    for (;;) {
      args.push(this.parseExpression());
      this.skipSpace();
      const next = this.text[this.position];
      this.position++;
      if (next === ')') break;
      if (next === ',') continue;
      throw new FilterSyntaxError(`expected ',' or ')' at ${this.position - 1}: ${this.rest()}`);
    }
    return { call: word[0], args };
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.position < this.text.length) throw new FilterSyntaxError(`unexpected input: ${this.rest()}`);
  }

  private parseString(quote: string): string {
    let value = '';
    this.position++;
    while (this.position < this.text.length) {
      const char = this.text[this.position++]!;
      if (char === '\\') value += this.text[this.position++] ?? '';
      else if (char === quote) return value;
      else value += char;
    }
    throw new FilterSyntaxError('unterminated string');
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.position] ?? '')) this.position++;
  }

  private rest(): string {
    return JSON.stringify(this.text.slice(this.position, this.position + 20));
  }
}

interface Comparison {
  op: string;
  field: string;
  values: Literal[];
}

function compile(node: Node): RunFilter {
  if (!('call' in node)) throw new FilterSyntaxError('expected a function call such as eq(status, "error")');
  const { call, args } = node;
  if (call === 'and' || call === 'or') {
    if (args.length === 0) throw new FilterSyntaxError(`${call}() needs at least one argument`);
    if (call === 'and') return compileAnd(args);
    const parts = args.map(compile);
    return (run) => parts.some((part) => part(run));
  }
  if (call === 'not') {
    if (args.length !== 1) throw new FilterSyntaxError('not() takes one argument');
    const inner = compile(args[0]!);
    return (run) => !inner(run);
  }
  const comparison = toComparison(node);
  if (feedbackFields.has(comparison.field)) return compileFeedback([comparison]);
  if (metadataFields.has(comparison.field)) return compileMetadata([comparison]);
  return compileScalar(comparison);
}

function compileAnd(args: Node[]): RunFilter {
  const feedback: Comparison[] = [];
  const metadata: Comparison[] = [];
  const others: RunFilter[] = [];
  for (const arg of args) {
    if ('call' in arg && comparisons.has(arg.call)) {
      const comparison = toComparison(arg);
      if (feedbackFields.has(comparison.field)) {
        feedback.push(comparison);
        continue;
      }
      if (metadataFields.has(comparison.field)) {
        metadata.push(comparison);
        continue;
      }
    }
    others.push(compile(arg));
  }
  if (feedback.length > 0) others.push(compileFeedback(feedback));
  if (metadata.length > 0) others.push(compileMetadata(metadata));
  return (run) => others.every((part) => part(run));
}

function toComparison(node: Call): Comparison {
  if (!comparisons.has(node.call)) throw new FilterSyntaxError(`unknown function ${node.call}()`);
  const [target, ...rest] = node.args;
  if (!target || !('field' in target)) {
    throw new FilterSyntaxError(`${node.call}() expects a field name first`);
  }
  const field = target.field;
  if (!scalarFields.has(field) && !feedbackFields.has(field) && !metadataFields.has(field)) {
    throw new FilterSyntaxError(`unknown field ${field}`);
  }
  const values = rest.map((arg) => {
    if (!('literal' in arg)) throw new FilterSyntaxError(`${node.call}() expects literal values`);
    return arg.literal;
  });
  if (node.call === 'in' ? values.length === 0 : values.length !== 1) {
    throw new FilterSyntaxError(`${node.call}() has the wrong number of arguments`);
  }
  return { op: node.call, field, values };
}

function compileScalar({ op, field, values }: Comparison): RunFilter {
  const expected = timeFields.has(field) ? values.map(parseTimeLiteral) : values;
  return (run) => {
    const actual = run[field as keyof FilterableRun] as unknown;
    if (op === 'has') return Array.isArray(actual) && actual.includes(expected[0]);
    return compare(op, actual, expected);
  };
}

function compileFeedback(conditions: Comparison[]): RunFilter {
  return (run) =>
    run.feedback.some((feedback) =>
      conditions.every(({ op, field, values }) => {
        const actual =
          field === 'feedback_key'
            ? feedback.key
            : field === 'feedback_score'
              ? typeof feedback.score === 'boolean'
                ? Number(feedback.score)
                : feedback.score
              : feedback.value;
        return compare(op, actual, values);
      }),
    );
}

function compileMetadata(conditions: Comparison[]): RunFilter {
  return (run) =>
    Object.entries(run.metadata).some(([key, value]) =>
      conditions.every(({ op, field, values }) =>
        compare(op, field === 'metadata_key' ? key : value, values),
      ),
    );
}

function compare(op: string, actual: unknown, expected: Literal[]): boolean {
  const value = expected[0] ?? null;
  switch (op) {
    case 'eq':
      return looseEquals(actual, value);
    case 'neq':
      return !looseEquals(actual, value);
    case 'in':
      return expected.some((candidate) => looseEquals(actual, candidate));
    case 'has':
      return Array.isArray(actual) && actual.includes(value);
    default: {
      if (typeof actual !== 'number' || typeof value !== 'number') return false;
      if (op === 'gt') return actual > value;
      if (op === 'gte') return actual >= value;
      if (op === 'lt') return actual < value;
      return actual <= value;
    }
  }
}

function looseEquals(actual: unknown, expected: Literal): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (typeof actual === 'number' && typeof expected === 'string') return actual === Number(expected);
  return actual === expected;
}

function parseTimeLiteral(value: Literal): Literal {
  if (typeof value !== 'string') return value;
  const time = parseTime(value);
  if (Number.isNaN(time)) throw new FilterSyntaxError(`not a time: ${JSON.stringify(value)}`);
  return time;
}

/** Epoch ms of an ISO time; a time without a zone is UTC, as LangSmith reads it. */
export function parseTime(text: string): number {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  return Date.parse(hasZone || !text.includes('T') ? text : `${text}Z`);
}
