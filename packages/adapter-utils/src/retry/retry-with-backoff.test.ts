import { describe, expect, it } from 'vitest';
import { retryWithBackoff } from './retry-with-backoff.js';

function fakeClock() {
  let time = 0;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
    sleeps,
  };
}

describe('retryWithBackoff', () => {
  it('retries retryable failures with doubling backoff and returns the first success', async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await retryWithBackoff(
      async () => {
        calls++;
        if (calls < 4) throw new Error('503');
        return 'ok';
      },
      { classify: () => ({ retry: true }), random: () => 1, now: clock.now, sleep: clock.sleep },
    );
    expect(result).toBe('ok');
    expect(clock.sleeps).toEqual([500, 1000, 2000]);
  });

  it('waits at least as long as Retry-After asks', async () => {
    const clock = fakeClock();
    let calls = 0;
    await retryWithBackoff(
      async () => {
        if (calls++ === 0) throw new Error('429');
        return 1;
      },
      {
        classify: () => ({ retry: true, retryAfterMs: 7000 }),
        random: () => 0.1,
        now: clock.now,
        sleep: clock.sleep,
      },
    );
    expect(clock.sleeps).toEqual([7000]);
  });

  it('never retries what classify rejects, and stops after maxAttempts or maxTotalMs', async () => {
    const clock = fakeClock();
    let calls = 0;
    const fail = async () => {
      calls++;
      throw new Error('400');
    };
    await expect(
      retryWithBackoff(fail, { classify: () => ({ retry: false }), now: clock.now, sleep: clock.sleep }),
    ).rejects.toThrow('400');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      retryWithBackoff(fail, {
        classify: () => ({ retry: true }),
        maxAttempts: 3,
        random: () => 1,
        now: clock.now,
        sleep: clock.sleep,
      }),
    ).rejects.toThrow('400');
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      retryWithBackoff(fail, {
        classify: () => ({ retry: true, retryAfterMs: 60_000 }),
        maxTotalMs: 90_000,
        now: clock.now,
        sleep: clock.sleep,
      }),
    ).rejects.toThrow('400');
    expect(calls).toBe(2);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      retryWithBackoff(async () => 1, { classify: () => ({ retry: true }), signal: controller.signal }),
    ).rejects.toThrow('stop');
  });
});
