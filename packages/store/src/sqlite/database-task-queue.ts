interface Queue {
  tail: Promise<unknown>;
  pending: number;
}

const queues = new Map<unknown, Queue>();

/**
 * Runs `task` once every task queued before it for the same database (`key`) has settled: one task at a time per
 * SQLite file in this process, across all its stores. better-sqlite3 waits for a lock synchronously, blocking the
 * event loop; a store waiting for the write lock that another store of this process holds across an `await` would
 * never get it. So no two tasks of one file overlap here, as no two synchronous calls could.
 */
export function queueDatabaseTask<T>(key: unknown, task: () => Promise<T>): Promise<T> {
  let queue = queues.get(key);
  if (!queue) {
    queue = { tail: Promise.resolve(), pending: 0 };
    queues.set(key, queue);
  }
  const current = queue;
  current.pending += 1;
  const result = current.tail.then(task);
  const settled = () => {
    current.pending -= 1;
    if (current.pending === 0 && queues.get(key) === current) queues.delete(key);
  };
  current.tail = result.then(settled, settled);
  return result;
}
