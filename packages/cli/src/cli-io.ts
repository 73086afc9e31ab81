import { createInterface } from 'node:readline/promises';

/** Where the CLI writes and what it knows of its terminal; injectable so commands test without a real TTY. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stdout is an interactive terminal that wants colour. */
  color: boolean;
  /** stderr is an interactive terminal where progress may be drawn. */
  interactive: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Asks a question on the terminal and resolves to the answer; absent when stdin or stdout is not a terminal. */
  ask?: (question: string) => Promise<string>;
}

export function processIo(): CliIo {
  const env = process.env;
  const noColor = 'NO_COLOR' in env || env.TERM === 'dumb';
  const forceColor = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: forceColor || (!noColor && process.stdout.isTTY === true),
    interactive: process.stderr.isTTY === true && !env.CI,
    cwd: process.cwd(),
    env,
    ...(process.stdin.isTTY && process.stdout.isTTY ? { ask: askOnTerminal } : {}),
  };
}

async function askOnTerminal(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}
