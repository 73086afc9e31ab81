import { describe, expect, it } from 'vitest';
import { queueDatabaseTask } from './database-task-queue.js';

/** A promise settled from outside, to hold a task in the middle of its work. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

describe('queueDatabaseTask', () => {
  it('runs the tasks of one database one at a time, in order, past a failing one', async () => {
    const events: string[] = [];
    const gate = deferred();
    const first = queueDatabaseTask('a.db', async () => {
      events.push('first starts');
      await gate.promise;
      events.push('first ends');
    });
    const second = queueDatabaseTask('a.db', async () => {
      events.push('second');
      throw new Error('second fails');
    });
    const third = queueDatabaseTask('a.db', async () => {
      events.push('third');
      return 3;
    });
    const other = queueDatabaseTask('b.db', async () => {
      events.push('other database');
    });
    await other;
    expect(events).toEqual(['first starts', 'other database']);
    gate.resolve();
    await first;
    await expect(second).rejects.toThrow('second fails');
    expect(await third).toBe(3);
    expect(events).toEqual(['first starts', 'other database', 'first ends', 'second', 'third']);
  });
});
