import { parseSourceConfig } from '@slokit/adapter-utils';
import type { PublisherV1, PublishOptions, PublishResult, SourceConfig, SourceContext } from '@slokit/core';
import { LangSmithApi, type LangSmithApiOptions } from '../client/langsmith-api.js';
import { experimentUrl, projectUrl } from '../mapping/run-url.js';
import { type LangSmithConnection, resolveConnection } from '../settings/langsmith-connection.js';
import {
  type LangSmithSourceConfig,
  langSmithSourceConfigSchema,
} from '../settings/langsmith-source-config.js';
import { type LangSmithTarget, resolveTargets } from '../source/resolve-targets.js';
import { sloFeedback } from './slo-feedback.js';

/** The `@slokit/langsmith` entry point core calls to publish a `type: langsmith` source's SLO results. */
export async function createPublisher(
  name: string,
  config: SourceConfig,
  context: SourceContext,
): Promise<PublisherV1> {
  const parsed = parseSourceConfig(langSmithSourceConfigSchema, name, config, context);
  return createLangSmithPublisher(name, parsed, resolveConnection(name, parsed, context));
}

/**
 * Writes one project-level feedback per SLO (`slo.<name>`: score the SLI value, value the status, a one-line
 * comment) to each project, or the experiment, the source reads. Ids derive from the check id and the SLO name, so
 * publishing the same check again updates the same feedback (a 409 on create becomes an update).
 */
export async function createLangSmithPublisher(
  name: string,
  config: LangSmithSourceConfig,
  connection: LangSmithConnection,
  options: LangSmithApiOptions = {},
): Promise<PublisherV1> {
  const api = await LangSmithApi.create(name, connection, options);
  return {
    specificationVersion: 'v1',
    name,
    type: 'langsmith',
    async publish({ report, slos, checkId, signal }: PublishOptions): Promise<PublishResult> {
      const targets = await resolveTargets(name, api, config, {
        includeStats: false,
        workspaceId: connection.workspaceId,
        signal,
      });
      let published = 0;
      for (const target of targets) {
        for (const slo of slos) {
          const feedback = sloFeedback(slo, { checkId, at: report.at, targetId: target.id });
          const created = await api.createFeedback(
            {
              id: feedback.id,
              run_id: null,
              key: feedback.key,
              score: feedback.score,
              value: feedback.value,
              comment: feedback.comment,
              feedback_source: { type: 'api', metadata: feedback.sourceInfo },
              session_id: target.id,
            },
            signal,
          );
          if (!created) {
            await api.updateFeedback(
              feedback.id,
              { score: feedback.score, value: feedback.value, comment: feedback.comment },
              signal,
            );
          }
          published++;
        }
      }
      return {
        target: describeTargets(targets),
        published,
        urls: targets.map((target) => targetUrl(connection, target)),
      };
    },
  };
}

function describeTargets(targets: LangSmithTarget[]): string {
  const names = targets.map((target) => target.name).join(', ');
  if (targets[0]?.kind === 'experiment') return `LangSmith experiment ${names}`;
  return `LangSmith ${targets.length === 1 ? 'project' : 'projects'} ${names}`;
}

function targetUrl(connection: LangSmithConnection, target: LangSmithTarget): string {
  if (target.kind === 'experiment' && target.datasetId !== null) {
    return experimentUrl({
      webUrl: connection.webUrl,
      tenantId: target.tenantId,
      datasetId: target.datasetId,
      experimentId: target.id,
    });
  }
  return projectUrl({ webUrl: connection.webUrl, tenantId: target.tenantId, projectId: target.id });
}
