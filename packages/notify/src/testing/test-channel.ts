import { inspect } from 'node:util';
import type { AlertBatch, ChannelV1, DigestBatch } from '@slokit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAlertBatch, sampleAlertEvent, sampleDigestBatch } from '../sample-alert-batch.js';

/** One message the receiver accepted. */
export interface ReceivedMessage {
  /** The idempotency key it carries (`webhook-id`, a PagerDuty `dedup_key`, ...); null when it carries none. */
  key: string | null;
  /** Whether it is marked as a test message. */
  test: boolean;
}

/** A failure the receiver injects into every request until cleared. */
export type ChannelFault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  | { kind: 'timeout' }
  | { kind: 'refused' };

export interface ChannelFixture {
  /** The channel under test, pointed at the receiver, with a timeout a loaded machine keeps (e.g. 30 s). */
  channel: ChannelV1;
  /** The same channel with a per-request timeout of at most 1 s, for the receiver that never answers. */
  timeoutChannel?: ChannelV1;
  /** Every message the receiver accepted so far, in order. */
  received: () => ReceivedMessage[] | Promise<ReceivedMessage[]>;
  /**
   * The keys of the messages a batch (or digest) must arrive as, one per message: `[batch.id]` for Slack or a
   * webhook, one dedup key per event for PagerDuty.
   */
  expectedKeys: (batch: AlertBatch | DigestBatch) => string[];
  /** Makes the receiver fail every request until called with null. Absent for channels without one (console). */
  fault?: (fault: ChannelFault | null) => void | Promise<void>;
  /** The secrets the channel was configured with (URL paths, keys): none may appear in any error. */
  secrets: string[];
  teardown?: () => void | Promise<void>;
}

/**
 * The conformance suite every channel runs before its own tests: a batch arrives as exactly the expected messages
 * with their idempotency keys, a retry of the same batch keeps them, test batches are marked as tests, a batch of
 * 200 events stays within the receiver's limits, and every failure is a ChannelError of the right kind: 429 with
 * Retry-After and 5xx retryable, 400 not, timeouts and refused connections retryable, none showing a secret.
 */
export function testChannel(options: {
  name: string;
  setup: () => Promise<ChannelFixture>;
  /** Whether the fixture injects faults (`fixture.fault`); false only for channels without a receiver (console). */
  faults?: boolean;
}): void {
  let fixture: ChannelFixture;

  async function newMessages(send: () => Promise<void>): Promise<ReceivedMessage[]> {
    const before = (await fixture.received()).length;
    await send();
    return (await fixture.received()).slice(before);
  }

  async function failure(send: () => Promise<void>): Promise<ChannelFailureShape> {
    let caught: unknown;
    try {
      await send();
    } catch (error) {
      caught = error;
    }
    expect(caught, 'the send should have failed').toBeDefined();
    expectNoSecret(caught, fixture.secrets, expect);
    expect((caught as { name?: string }).name).toBe('ChannelError');
    expect((caught as ChannelFailureShape).channel).toBe(fixture.channel.name);
    return caught as ChannelFailureShape;
  }

  const batch = (overrides: Partial<AlertBatch> = {}) =>
    sampleAlertBatch({ channel: fixture.channel.name, ...overrides });

  describe(`${options.name}: channel conformance`, () => {
    beforeAll(async () => {
      fixture = await options.setup();
    }, 60_000);
    afterAll(async () => {
      await fixture?.fault?.(null);
      await fixture?.teardown?.();
    });

    it('implements ChannelV1', () => {
      expect(fixture.channel.specificationVersion).toBe('v1');
      expect(typeof fixture.channel.name).toBe('string');
      expect(typeof fixture.channel.type).toBe('string');
      expect(typeof fixture.channel.send).toBe('function');
    });

    it('delivers a batch as exactly the expected messages, carrying its idempotency keys', async () => {
      const first = batch({ id: 'conformance-1' });
      const received = await newMessages(() => fixture.channel.send(first));
      const expected = fixture.expectedKeys(first);
      expect(expected.length).toBeGreaterThan(0);
      expect(received.map((message) => message.key).sort()).toEqual([...expected].sort());
      expect(received.every((message) => !message.test)).toBe(true);
    });

    it('keeps the idempotency keys when the same batch is sent again (a retry)', async () => {
      const again = batch({ id: 'conformance-retry' });
      const first = await newMessages(() => fixture.channel.send(again));
      const second = await newMessages(() => fixture.channel.send(again));
      expect(second.map((message) => message.key)).toEqual(first.map((message) => message.key));
      const other = await newMessages(() => fixture.channel.send(batch({ id: 'conformance-other' })));
      expect(fixture.expectedKeys(batch({ id: 'conformance-other' })).sort()).toEqual(
        other.map((message) => message.key).sort(),
      );
    });

    it('marks a test batch as a test', async () => {
      const test = batch({ id: 'conformance-test', test: true });
      const received = await newMessages(() => fixture.channel.send(test));
      expect(received.map((message) => message.key).sort()).toEqual(fixture.expectedKeys(test).sort());
      expect(received.every((message) => message.test)).toBe(true);
    });

    it('delivers a batch of 200 events within the limits the receiver checks', async () => {
      const events = Array.from({ length: 200 }, (_, index) =>
        sampleAlertEvent({
          id: `bulk-${index}`,
          slo: `slo-${String(index).padStart(3, '0')}-${'x'.repeat(40)}`,
          segment: index % 3 === 0 ? '' : `tenant-${index}`,
          groupBy: index % 3 === 0 ? null : 'metadata.tenant',
          level: (['warning', 'critical', 'page'] as const)[index % 3]!,
          description: 'd'.repeat(600),
        }),
      );
      const bulk = batch({ id: 'conformance-bulk', events });
      const received = await newMessages(() => fixture.channel.send(bulk));
      expect(received.map((message) => message.key).sort()).toEqual(fixture.expectedKeys(bulk).sort());
    });

    it('sends a digest as the expected messages, when the channel sends digests', async () => {
      if (!fixture.channel.sendDigest) {
        expect(fixture.channel.sendDigest).toBeUndefined();
        return;
      }
      const digest = sampleDigestBatch({ id: 'conformance-digest', channel: fixture.channel.name });
      const received = await newMessages(() => fixture.channel.sendDigest!(digest));
      expect(received.map((message) => message.key).sort()).toEqual(fixture.expectedKeys(digest).sort());
    });

    if (options.faults === false) return;

    describe('failures', () => {
      const withFault = async (fault: ChannelFault, id: string) => {
        await fixture.fault!(fault);
        const channel =
          fault.kind === 'timeout' ? (fixture.timeoutChannel ?? fixture.channel) : fixture.channel;
        try {
          return await failure(() => channel.send(batch({ id })));
        } finally {
          await fixture.fault!(null);
        }
      };

      it('429 with Retry-After: retryable, after the time the receiver asked for', async () => {
        const error = await withFault({ kind: 'status', status: 429, retryAfterSeconds: 7 }, 'fault-429');
        expect(error).toMatchObject({ retryable: true, dead: false, retryAfterMs: 7000 });
      });

      it('5xx: retryable', async () => {
        for (const status of [500, 502, 503]) {
          expect(await withFault({ kind: 'status', status }, `fault-${status}`)).toMatchObject({
            retryable: true,
            dead: false,
          });
        }
      });

      it('400: not retryable, not dead', async () => {
        expect(await withFault({ kind: 'status', status: 400 }, 'fault-400')).toMatchObject({
          retryable: false,
          dead: false,
        });
      });

      it('a receiver that does not answer: a retryable timeout, within the channel timeout', async () => {
        const started = Date.now();
        expect(await withFault({ kind: 'timeout' }, 'fault-timeout')).toMatchObject({ retryable: true });
        expect(Date.now() - started).toBeLessThan(5000);
      });

      it('connection refused: retryable', async () => {
        expect(await withFault({ kind: 'refused' }, 'fault-refused')).toMatchObject({ retryable: true });
      });

      it('delivers again once the receiver recovers', async () => {
        const recovered = batch({ id: 'conformance-recovered' });
        const received = await newMessages(() => fixture.channel.send(recovered));
        expect(received.map((message) => message.key).sort()).toEqual(fixture.expectedKeys(recovered).sort());
      });
    });
  });
}

interface ChannelFailureShape {
  name: string;
  channel: string;
  retryable: boolean;
  retryAfterMs: number | undefined;
  dead: boolean;
  message: string;
}

/**
 * Fails when a secret shows anywhere in an error: its message, stack, properties or causes. `assert` is the
 * `expect` to report through (a test context's, for concurrent tests); default vitest's.
 */
export function expectNoSecret(
  error: unknown,
  secrets: readonly string[],
  assert: typeof expect = expect,
): void {
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    texts.push(inspect(current, { depth: 5 }), String((current as Error).message ?? current));
    current = (current as { cause?: unknown }).cause;
  }
  const all = texts.join('\n');
  for (const secret of secrets) assert(all.includes(secret), `a secret leaked: ${all}`).toBe(false);
  assert(/https?:\/\//.test(String((error as Error)?.message ?? '')), 'an error message shows a URL').toBe(
    false,
  );
}
