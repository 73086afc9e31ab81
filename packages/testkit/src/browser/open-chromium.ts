import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, which CI installs with `apt-get install chromium`. */
export const debianChromiumPath = '/usr/bin/chromium';

export interface OpenChromiumOptions {
  /** Defaults to Debian's `/usr/bin/chromium`, or `SLOKIT_CHROMIUM` when set. */
  executablePath?: string;
  /** How long launching may take on a loaded machine; default 120 s. */
  launchTimeoutMs?: number;
}

/**
 * Launches headless Chromium through Playwright's protocol client. One browser per test file: pages are cheap,
 * process start-up is what a loaded CI machine makes slow.
 */
export async function openChromium(options: OpenChromiumOptions = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? process.env.SLOKIT_CHROMIUM ?? debianChromiumPath;
  if (!existsSync(executablePath)) {
    throw new Error(
      `${executablePath} not found: this test needs Debian's Chromium. Install it with \`apt-get install -y chromium\` (CI's .ci/run installs it).`,
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    timeout: options.launchTimeoutMs ?? 120_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--hide-scrollbars'],
  });
}
