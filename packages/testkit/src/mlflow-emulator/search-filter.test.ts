import { describe, expect, it } from 'vitest';
import { MlflowApiError } from './emulator-error.js';
import { matchString, parseOrderBy, parseSearchFilter } from './search-filter.js';

describe('parseSearchFilter', () => {
  it('parses quoted keys, dotted keys, numbers, strings, lists and lower-case and', () => {
    expect(
      parseSearchFilter(
        `metrics."correctness/mean" > 0.5 and tags.mlflow.run.isEval = 'true' AND metadata.\`mlflow.sourceRun\` != 'x' and trace.status NOT IN ('OK', "ERROR")`,
      ),
    ).toEqual([
      {
        prefix: 'metrics',
        key: 'correctness/mean',
        comparator: '>',
        value: { kind: 'number', value: 0.5, text: '0.5' },
      },
      { prefix: 'tags', key: 'mlflow.run.isEval', comparator: '=', value: { kind: 'string', value: 'true' } },
      {
        prefix: 'metadata',
        key: 'mlflow.sourceRun',
        comparator: '!=',
        value: { kind: 'string', value: 'x' },
      },
      {
        prefix: 'trace',
        key: 'status',
        comparator: 'NOT IN',
        value: { kind: 'list', values: ['OK', 'ERROR'] },
      },
    ]);
    expect(parseSearchFilter(`feedback.correctness = '"yes"'`)[0]!.value).toEqual({
      kind: 'string',
      value: '"yes"',
    });
    expect(parseSearchFilter("name LIKE 'it''s%'")[0]).toMatchObject({
      prefix: '',
      key: 'name',
      comparator: 'LIKE',
    });
    expect(parseSearchFilter(undefined)).toEqual([]);
  });

  it.each([
    ['metrics.correctness/mean > 0.5', "Expected 'Identifier'"],
    ["metrics.'correctness/mean' > 0.5", "'metrics.'"],
    ["attributes.status = 'FAILED' OR attributes.status = 'KILLED'", "'OR'"],
    ['metrics."x" >> 0.5', "Invalid comparator '>>'"],
    ["owner = 'me' extra", 'Invalid clause'],
  ])('rejects %s with a 400', (filter, message) => {
    let error: unknown;
    try {
      parseSearchFilter(filter);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MlflowApiError);
    expect(error).toMatchObject({ status: 400, errorCode: 'INVALID_PARAMETER_VALUE' });
    expect((error as Error).message).toContain(message);
  });
});

describe('matchString and parseOrderBy', () => {
  it('implements LIKE, ILIKE and IN', () => {
    const like = (pattern: string) => ({ kind: 'string' as const, value: pattern });
    expect(matchString('support-bot-evals', 'LIKE', like('support%'))).toBe(true);
    expect(matchString('Support-bot', 'LIKE', like('support%'))).toBe(false);
    expect(matchString('Support-bot', 'ILIKE', like('support_bot'))).toBe(true);
    expect(matchString('a.b', 'LIKE', like('a_b'))).toBe(true);
    expect(matchString('OK', 'IN', { kind: 'list', values: ['OK', 'ERROR'] })).toBe(true);
    expect(matchString(undefined, '!=', like('x'))).toBe(false);
  });

  it('reads order_by entries', () => {
    expect(parseOrderBy('metrics."correctness/mean" DESC')).toEqual({
      prefix: 'metrics',
      key: 'correctness/mean',
      ascending: false,
    });
    expect(parseOrderBy('timestamp_ms')).toEqual({ prefix: '', key: 'timestamp_ms', ascending: true });
    expect(parseOrderBy('attributes.start_time asc')).toEqual({
      prefix: 'attributes',
      key: 'start_time',
      ascending: true,
    });
  });
});
