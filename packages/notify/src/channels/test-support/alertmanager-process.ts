import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from './closed-port.js';

/** Where Debian's `prometheus-alertmanager` package installs the binary. */
export const alertmanagerBinary = '/usr/bin/prometheus-alertmanager';

export interface AlertmanagerProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** What the process wrote, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a real Alertmanager on a free loopback port with the given config, its own storage directory and
 * clustering off (`--cluster.listen-address=`), and waits for `/-/ready`. Throws, with how to install it, when the
 * binary is missing: the test must fail, not skip.
 */
export async function startAlertmanager(
  config: string,
  binary: string = alertmanagerBinary,
): Promise<AlertmanagerProcess> {
  if (!existsSync(binary)) {
    throw new Error(
      `${binary} is missing: install Debian's Alertmanager with \`apt-get install prometheus-alertmanager\` (the real Alertmanager test needs it)`,
    );
  }
  const directory = await mkdtemp(join(tmpdir(), 'slokit-alertmanager-'));
  const configFile = join(directory, 'alertmanager.yml');
  await writeFile(configFile, config);
  const port = await closedPort();
  const url = `http://127.0.0.1:${port}`;
  const lines: string[] = [];
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.path=${join(directory, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killed);
    }
    await rm(directory, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, output: () => lines.join(''), stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`Alertmanager did not become ready on ${url}:\n${lines.join('')}`);
}
