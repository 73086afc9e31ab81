/** Timers take at most 2^31 - 1 ms; a longer wait (`--every 30d`) is slept in chunks. */
const longestTimer = 2 ** 31 - 1;

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  let left = ms;
  while (left > 0 && !signal.aborted) {
    const chunk = Math.min(left, longestTimer);
    await sleepChunk(chunk, signal);
    left -= chunk;
  }
}

function sleepChunk(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
