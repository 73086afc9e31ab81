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
  done: Promise<WorkerResult>;
}

/** Starts src/test-support/store-worker.mjs in a separate Node process against the built package. */
export function startWorker(command: Record<string, unknown>): Worker {
  if (!existsSync(dist)) {
    throw new Error(`${dist} is missing: build first (npx turbo run build --filter=@slokit/store)`);
  }
  const child = spawn(process.execPath, [worker, JSON.stringify(command)], {
    stdio: ['ignore', 'pipe', 'pipe'],
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
  const done = new Promise<WorkerResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    done,
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

/** Runs a worker to its end and parses the JSON it prints last; rejects when it fails. */
export async function runWorker<T>(command: Record<string, unknown>): Promise<T> {
  const result = await startWorker(command).done;
  if (result.code !== 0)
    throw new Error(`worker ${JSON.stringify(command)} failed: ${JSON.stringify(result)}`);
  const last = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}
