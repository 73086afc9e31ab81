import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WeaveEmulator } from '@slokit/testkit/weave';

const driver = fileURLToPath(new URL('./weave-sdk-driver.cjs', import.meta.url));

/** A production request the SDK driver runs as a root op with an `llm_call` child that reports usage. */
export interface SdkRequest {
  key: string;
  question: string;
  startMs: number;
  latencyMs: number;
  model: string;
  promptTokens: number;
  completionTokens: number;
  error?: string;
  /** Scorer results, attached afterwards with `client.addScore` (feedback `wandb.runnable.<scorer>`). */
  scores?: Record<string, number | boolean>;
  /** Set with `weave.withAttributes`. */
  attributes?: Record<string, string>;
}

export interface SdkEvaluationRow {
  question: string;
  expected: string;
  answer: string;
  latencyMs: number;
  helpfulness: number;
  fails?: boolean;
}

export type SdkStep =
  | { kind: 'traffic'; op: string; requests: SdkRequest[] }
  | { kind: 'evaluation'; name: string; model: string; startMs: number; rows: SdkEvaluationRow[] };

export interface SdkScenario {
  project: string;
  /** Project prices per LLM id (`/cost/create`), USD per token. */
  costs?: Record<string, { prompt_token_cost: number; completion_token_cost: number }>;
  steps: SdkStep[];
}

export type SdkResult =
  | { calls: Array<{ key: string; callId: string }> }
  | { output: Record<string, unknown> };

/**
 * Runs the real `weave` npm SDK in a child process against the emulator (WF_TRACE_SERVER_URL, WANDB_API_KEY), in a
 * temporary HOME and working directory, and returns what each step reported.
 */
export async function runWeaveSdk(emulator: WeaveEmulator, scenario: SdkScenario): Promise<SdkResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'slokit-weave-sdk-'));
  try {
    await writeFile(join(dir, 'scenario.json'), JSON.stringify(scenario));
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        [driver, join(dir, 'scenario.json'), join(dir, 'result.json')],
        {
          cwd: dir,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: dir,
            WF_TRACE_SERVER_URL: emulator.url,
            WANDB_API_KEY: emulator.apiKey,
            WEAVE_PRINT_CALL_LINK: 'false',
          },
          timeout: 60_000,
        },
        (error, _stdout, stderr) => {
          if (error) reject(new Error(`the weave SDK driver failed: ${error.message}\n${stderr}`));
          else resolve();
        },
      );
    });
    return JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')) as SdkResult[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
