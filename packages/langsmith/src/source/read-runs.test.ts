import { describe, expect, it } from 'vitest';
import { v1Body, v2Body } from './read-runs.js';

const window = {
  since: new Date('2026-11-26T13:00:00Z'),
  until: new Date('2026-11-26T14:00:00Z'),
  filter: 'has(tags, "production")',
  rootOnly: true,
  pageSize: 50,
};

describe('run query bodies', () => {
  it('ask v2 for the window, root runs, narrow selects and subtree usage', () => {
    expect(v2Body(window, { id: 'p1' }, { cursor: 'next' })).toEqual({
      project_ids: ['p1'],
      min_start_time: '2026-11-26T13:00:00.000Z',
      max_start_time: '2026-11-26T14:00:00.000Z',
      is_root: true,
      filter: 'has(tags, "production")',
      selects: [
        'ID',
        'START_TIME',
        'END_TIME',
        'LATENCY_SECONDS',
        'STATUS',
        'ERROR',
        'TOTAL_TOKENS',
        'PROMPT_TOKENS',
        'COMPLETION_TOKENS',
        'TOTAL_COST',
        'FEEDBACK_STATS',
        'METADATA',
        'TAGS',
        'PROJECT_ID',
      ],
      include_subtree_usage: true,
      page_size: 50,
      cursor: 'next',
    });
  });

  it('read all time without since (v2 would read one day), and every run without rootOnly', () => {
    const body = v2Body(
      { rootOnly: false, pageSize: 100, filter: undefined },
      { id: 'p1' },
      { ids: ['a', 'b'] },
    );
    expect(body).toMatchObject({ min_start_time: '1970-01-01T00:00:00.000Z', ids: ['a', 'b'], page_size: 2 });
    expect(body).not.toHaveProperty('is_root');
    expect(body).not.toHaveProperty('max_start_time');
    expect(body).not.toHaveProperty('cursor');
  });

  it('bound legacy queries above with the filter language', () => {
    expect(v1Body(window, { id: 'p1' }, { cursor: 'c2' })).toEqual({
      session: ['p1'],
      start_time: '2026-11-26T13:00:00.000Z',
      is_root: true,
      filter: 'and(has(tags, "production"), lte(start_time, "2026-11-26T14:00:00.000Z"))',
      select: [
        'id',
        'start_time',
        'end_time',
        'status',
        'error',
        'total_tokens',
        'prompt_tokens',
        'completion_tokens',
        'total_cost',
        'feedback_stats',
        'extra',
        'tags',
        'session_id',
      ],
      limit: 50,
      cursor: 'c2',
    });
    expect(v1Body({ ...window, filter: undefined, pageSize: 500 }, { id: 'p1' }, {})).toMatchObject({
      filter: 'lte(start_time, "2026-11-26T14:00:00.000Z")',
      limit: 100,
    });
  });
});
