import { afterEach, describe, expect, it, vi } from 'vitest';
import { sleep } from './sleep.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('sleep', () => {
  it('waits a duration longer than a timer can hold, in chunks, instead of firing at once', async () => {
    vi.useFakeTimers();
    const thirtyDays = 30 * 86_400_000;
    let woke = false;
    const sleeping = sleep(thirtyDays, new AbortController().signal).then(() => {
      woke = true;
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(thirtyDays - 2000);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    await sleeping;
    expect(woke).toBe(true);
  });

  it('ends early when the signal aborts', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const sleeping = sleep(60_000, controller.signal);
    controller.abort();
    await sleeping;
    expect(vi.getTimerCount()).toBe(0);
  });
});
