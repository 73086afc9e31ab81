import { conformanceReport } from '@slokit/core/testing';
import { type LangSmithEmulator, startLangSmithEmulator } from '@slokit/testkit/langsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantRetries, publisherFor } from '../test-support/langsmith-fixture.js';
import { sdkClient } from '../test-support/write-records-with-sdk.js';
import { feedbackId } from './feedback-id.js';

let emulator: LangSmithEmulator;

beforeAll(async () => {
  emulator = await startLangSmithEmulator();
});
afterAll(async () => {
  await emulator.stop();
});

describe('LangSmith publisher', () => {
  it('writes one project-level feedback per SLO to the project', async () => {
    const report = conformanceReport('check-1');
    const publisher = await publisherFor(emulator, { project: 'support-bot' });
    const result = await publisher.publish({ report, slos: report.slos, checkId: report.checkId });
    const project = emulator.project('support-bot')!;
    expect(result).toEqual({
      target: 'LangSmith project support-bot',
      published: 3,
      urls: [`http://localhost:3000/o/${emulator.tenantId}/projects/p/${project.id}`],
    });
    const stored = emulator.state.feedback.get(feedbackId(`check-1\n${project.id}\np99-latency`))!;
    expect(stored).toMatchObject({
      run_id: null,
      session_id: project.id,
      key: 'slo.p99-latency',
      score: 7200.5,
      value: 'critical',
      comment: 'p99-latency: 7.2s, objective ≤ 2s over 1h: critical (100 samples; slokit check check-1)',
      feedback_source: { type: 'api', metadata: { tool: 'slokit', check_id: 'check-1', status: 'critical' } },
    });
    // LangSmith shows it in the project's session feedback stats.
    const read = await sdkClient(emulator).readProject({ projectName: 'support-bot', includeStats: true });
    expect(
      (read as unknown as { session_feedback_stats: Record<string, { avg: number }> }).session_feedback_stats[
        'slo.p95-latency'
      ]!.avg,
    ).toBe(1800);
  });

  it('updates the same feedback when the same check is published again', async () => {
    const report = conformanceReport('check-2');
    const publisher = await publisherFor(emulator, { project: 'support-bot' });
    await publisher.publish({ report, slos: report.slos, checkId: report.checkId });
    const before = emulator.requests.length;
    const changed = { ...report.slos[0]!, value: 2400, status: 'at_risk' as const };
    await publisher.publish({ report, slos: [changed], checkId: report.checkId });
    const project = emulator.project('support-bot')!;
    const writes = emulator.requests
      .slice(before)
      .map((request) => `${request.method} ${request.path} ${request.status}`);
    const id = feedbackId(`check-2\n${project.id}\np95-latency`);
    expect(writes).toEqual(['GET /sessions 200', 'POST /feedback 409', `PATCH /feedback/${id} 200`]);
    expect(
      emulator.feedback('slo.p95-latency').filter((feedback) => feedback.comment?.includes('check-2')),
    ).toEqual([expect.objectContaining({ id, score: 2400, value: 'at_risk' })]);
  });

  it('writes new feedback for another check', async () => {
    const publisher = await publisherFor(emulator, { project: 'support-bot' });
    const before = emulator.feedback('slo.empty').length;
    const report = conformanceReport('check-3');
    await publisher.publish({ report, slos: report.slos, checkId: report.checkId });
    expect(emulator.feedback('slo.empty').length).toBe(before + 1);
  });

  it('writes to each project of the source', async () => {
    await sdkClient(emulator).createProject({ projectName: 'support-bot-eu' });
    const publisher = await publisherFor(emulator, { projects: ['support-bot', 'support-bot-eu'] });
    const report = conformanceReport('check-4');
    const result = await publisher.publish({ report, slos: report.slos, checkId: report.checkId });
    expect(result).toMatchObject({ target: 'LangSmith projects support-bot, support-bot-eu', published: 6 });
    const sessions = emulator
      .feedback()
      .filter((feedback) => feedback.comment?.endsWith('check-4)'))
      .map((feedback) => feedback.session_id);
    expect(new Set(sessions)).toEqual(
      new Set([emulator.project('support-bot')!.id, emulator.project('support-bot-eu')!.id]),
    );
  });

  it('writes to the experiment a dataset source reads', async () => {
    const publisher = await publisherFor(emulator, { dataset: 'support-bot-eval' });
    const report = conformanceReport('check-5');
    const result = await publisher.publish({ report, slos: report.slos, checkId: report.checkId });
    const experiment = emulator.project('support-bot-eval-2026-11-26')!;
    expect(result.target).toBe('LangSmith experiment support-bot-eval-2026-11-26');
    expect(result.urls).toEqual([
      `http://localhost:3000/o/${emulator.tenantId}/datasets/${experiment.reference_dataset_id}/compare?selectedSessions=${experiment.id}`,
    ]);
    expect(emulator.feedback().filter((feedback) => feedback.comment?.endsWith('check-5)'))).toHaveLength(3);
    expect(
      emulator.feedback().filter((feedback) => feedback.comment?.endsWith('check-5)'))[0]!.session_id,
    ).toBe(experiment.id);
  });

  it('honours Retry-After on writes and stays idempotent when a response is lost', async () => {
    const delays: number[] = [];
    const publisher = await publisherFor(emulator, { project: 'support-bot' }, instantRetries(delays));
    emulator.addFault({ kind: 'rate-limit', path: '/feedback', method: 'POST', retryAfter: '2' });
    // The server stores the second write but the connection breaks before it answers.
    emulator.addFault({ kind: 'reset', path: '/feedback', method: 'POST', skip: 1 });
    const report = conformanceReport('check-6');
    const before = emulator.requests.length;
    const result = await publisher.publish({ report, slos: report.slos, checkId: report.checkId });
    emulator.clearFaults();
    const writes = emulator.requests.slice(before).map((request) => `${request.method} ${request.status}`);
    expect(writes.filter((write) => write.startsWith('POST'))).toEqual([
      'POST 429',
      'POST 200',
      'POST 200',
      'POST 409',
      'POST 200',
    ]);
    expect(writes.filter((write) => write.startsWith('PATCH'))).toEqual(['PATCH 200']);
    expect(result.published).toBe(3);
    expect(delays[0]).toBeGreaterThanOrEqual(2000);
    expect(emulator.feedback().filter((feedback) => feedback.comment?.endsWith('check-6)'))).toHaveLength(3);
  });
});
