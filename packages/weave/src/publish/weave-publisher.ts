import type { PublisherV1, PublishOptions, PublishResult } from '@slokit/core';
import { field, literal } from '../client/call-query.js';
import { TraceServerClient } from '../client/trace-server-client.js';
import { callRef } from '../client/weave-refs.js';
import type { WeaveSettings } from '../settings/weave-source-config.js';
import { callUrl } from '../settings/weave-urls.js';
import { checkCallBatch, sloFeedbackPayload, sloFeedbackType } from './check-call.js';
import { deterministicUuidV7 } from './check-ids.js';
import { evaluationRunRef } from './evaluation-ref.js';

export interface WeavePublisherOptions {
  client?: TraceServerClient;
  fetch?: typeof fetch;
  retry?: ConstructorParameters<typeof TraceServerClient>[0]['retry'];
}

/**
 * Publishes each check to Weave: one `slokit.check` call (the SLO definitions in, the results out), and, for an
 * evaluations source, a `slokit.slo` feedback with the verdicts on the evaluated `Evaluation.evaluate` call. The
 * call id derives from the check id, and feedback is written only when the call has none for this check yet, so a
 * retried or repeated publish writes nothing twice.
 */
export function createWeavePublisher(
  settings: WeaveSettings,
  options: WeavePublisherOptions = {},
): PublisherV1 {
  const client =
    options.client ??
    new TraceServerClient({
      baseUrl: settings.urls.traceServer,
      apiKey: settings.apiKey,
      apiKeyVariable: settings.apiKeyVariable,
      source: settings.name,
      timeoutMs: settings.timeoutMs,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
    });
  const target = settings.target;
  const reads: Record<string, unknown> =
    target.kind === 'ops'
      ? { ops: target.ops }
      : { evaluations: typeof target.selector === 'object' ? target.selector.name : target.selector };

  return {
    specificationVersion: 'v1',
    name: settings.name,
    type: 'weave',
    async publish({ report, slos, checkId, signal }: PublishOptions): Promise<PublishResult> {
      const checkTime = Date.parse(report.at);
      const callId = deterministicUuidV7(
        checkTime,
        'slokit.check',
        settings.projectId,
        settings.name,
        checkId,
      );
      const traceId = deterministicUuidV7(
        checkTime,
        'slokit.trace',
        settings.projectId,
        settings.name,
        checkId,
      );
      const evaluated =
        target.kind === 'evaluations' ? await evaluationRunRef(client, settings, signal) : undefined;
      await client.upsertBatch(
        checkCallBatch({
          projectId: settings.projectId,
          callId,
          traceId,
          report,
          slos,
          checkId,
          source: { name: settings.name, reads },
          ...(evaluated ? { evaluationRef: evaluated.ref } : {}),
        }),
        signal,
      );
      const urls = [callUrl(settings.urls, settings.projectId, callId)];
      if (evaluated) {
        await client.withRetry(async () => {
          // Looked up on every attempt: an attempt whose answer was lost may have written it already.
          const existing = await client.queryFeedback(
            {
              project_id: settings.projectId,
              fields: ['id'],
              query: {
                $expr: {
                  $and: [
                    { $eq: [field('feedback_type'), literal(sloFeedbackType)] },
                    { $eq: [field('weave_ref'), literal(evaluated.ref)] },
                    { $eq: [field('payload.check_id'), literal(checkId)] },
                  ],
                },
              },
              limit: 1,
            },
            signal,
          );
          if (existing.length > 0) return;
          await client.createFeedback(
            {
              project_id: settings.projectId,
              weave_ref: evaluated.ref,
              feedback_type: sloFeedbackType,
              creator: 'slokit',
              payload: sloFeedbackPayload(report, slos, checkId, callRef(settings.projectId, callId)),
            },
            signal,
          );
        }, signal);
        urls.push(callUrl(settings.urls, settings.projectId, evaluated.id));
      }
      return { target: `Weave project ${settings.projectId}`, published: slos.length, urls };
    },
  };
}
