import { randomBytes } from 'node:crypto';
import { startSlackReceiver, startWebhookReceiver } from '@slokit/testkit/receivers';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { WebhookAlertsPayload } from './channels/webhook-payload.js';
import { sendTestMessage } from './send-test-message.js';
import { notifyConfig } from './test-support/notify-config.js';

describe('sendTestMessage (slokit test-channel)', () => {
  it('sends a clearly marked test message straight to the channel', async () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const receiver = await startWebhookReceiver({ secret });
    try {
      const config = notifyConfig({ hook: { type: 'webhook', url: receiver.endpointUrl, secret } });
      const sent = await sendTestMessage({
        name: 'hook',
        config,
        env: {},
        now: () => Date.parse('2026-11-26T14:00:00Z'),
      });
      expect(sent).toEqual({
        id: expect.stringMatching(/^test-[0-9a-f]{16}$/),
        channel: 'hook',
        type: 'webhook',
        events: 3,
      });
      const request = receiver.messages()[0]!;
      const payload = new Webhook(secret).verify(request.body, request.headers) as WebhookAlertsPayload;
      expect(payload).toMatchObject({
        type: 'slokit.alerts',
        test: true,
        timestamp: '2026-11-26T14:00:00.000Z',
      });
      expect(payload.data.batchId).toBe(sent.id);
    } finally {
      await receiver.stop();
    }
  });

  it('fails with the ChannelError, once, without the webhook URL', async () => {
    const receiver = await startSlackReceiver({ token: 'xoxTestChannelToken9' });
    await receiver.fault({ kind: 'status', status: 404 });
    try {
      const config = notifyConfig({ team: { type: 'slack', webhookUrl: receiver.webhookUrl } });
      const error = await sendTestMessage({ name: 'team', config }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'ChannelError', exitCode: 3, dead: true });
      expect((error as Error).message).toBe(
        "channel 'team': the Slack webhook is gone (HTTP 404 channel_not_found): the endpoint no longer exists; messages to it are marked dead until channels.team points at a working endpoint",
      );
      expect(receiver.requests).toHaveLength(1);
      expect(String((error as Error).stack)).not.toContain('xoxTestChannelToken9');
    } finally {
      await receiver.stop();
    }
  });
});
