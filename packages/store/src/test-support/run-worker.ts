import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const worker = fileURLToPath(new URL('./store-worker.mjs', import.meta.url));
const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** What a worker printed and how it ended. */
export interface WorkerResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Worker {
  child: ChildProcess;
  /** Resolves when the worker has printed `line` (a whole line on stdout). */
  waitFor: (line: string) => Promise<void>;
  /** Lets a worker started with `gated: true` begin, once it printed `ready`. */
  go: () => void;
  done: Promise<WorkerResult>;
}

/**
 * Starts src/test-support/store-worker.mjs in a separate Node process against the built package, as the user
 * `user` when given (the tests that need file permissions to hold run as root otherwise).
 */
export function startWorker(command: Record<string, unknown>, user?: { uid: number; gid: number }): Worker {
  if (!existsSync(dist)) {
    throw new Error(`${dist} is missing: build first (npx turbo run build --filter=@slokit/store)`);
  }
  const child = spawn(process.execPath, [worker, JSON.stringify(command)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    ...user,
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ line: string; resolve: () => void }> = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const lines = new Set(stdout.split('\n'));
    for (const waiter of waiters.splice(0)) {
      if (lines.has(waiter.line)) waiter.resolve();
      else waiters.push(waiter);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  // A worker killed before it reads its stdin makes writing to it fail: that is the test's business, not an error.
  child.stdin!.on('error', () => {});
  const done = new Promise<WorkerResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    done,
    go: () => child.stdin!.end('go\n'),
    waitFor: (line) =>
      new Promise<void>((resolve, reject) => {
        if (stdout.split('\n').includes(line)) return resolve();
        waiters.push({ line, resolve });
        done.then((result) =>
          reject(new Error(`worker ended before printing '${line}': ${JSON.stringify(result)}`)),
        );
      }),
  };
}

/** The JSON a worker printed last; throws when it failed. */
export function workerOutput<T>(command: Record<string, unknown>, result: WorkerResult): T {
  if (result.code !== 0) {
    throw new Error(`worker ${JSON.stringify(command)} failed: ${JSON.stringify(result)}`);
  }
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as T;
}

/** Runs a worker to its end and parses the JSON it prints last; rejects when it fails. */
export async function runWorker<T>(command: Record<string, unknown>): Promise<T> {
  return workerOutput<T>(command, await startWorker(command).done);
}

/**
 * Runs several workers that start their work together: each opens its store and says `ready`, and all are let go
 * once every one is ready (a barrier, rather than a start time that a loaded machine may miss).
 */
export async function runWorkersTogether<T>(commands: Array<Record<string, unknown>>): Promise<T[]> {
  const workers = commands.map((command) => startWorker({ ...command, gated: true }));
  await Promise.all(workers.map((worker) => worker.waitFor('ready')));
  for (const worker of workers) worker.go();
  const results = await Promise.all(workers.map((worker) => worker.done));
  return results.map((result, index) => workerOutput<T>(commands[index]!, result));
}
