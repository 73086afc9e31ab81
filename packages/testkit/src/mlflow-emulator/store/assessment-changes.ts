import { invalidParameter, missingParameter } from '../emulator-error.js';
import type { EmulatorIds } from '../emulator-ids.js';
import { asObject, type Json, stringField, stringMap } from './request-fields.js';
import type { StoredAssessment, StoredTrace } from './stored-records.js';

/**
 * The assessment a create-assessment request adds to a trace: a feedback or an expectation, its times filled by
 * the server when not given. One that `overrides` another makes that one invalid.
 */
export function addAssessment(
  trace: StoredTrace,
  input: Json,
  ids: EmulatorIds,
  isoNow: () => string,
): StoredAssessment {
  if (input.feedback === undefined && input.expectation === undefined) {
    throw invalidParameter('Unknown assessment type: None');
  }
  const name = stringField(input, 'assessment_name');
  if (name === undefined || name === '') throw missingParameter('assessment.assessment_name');
  const now = isoNow();
  const assessment: StoredAssessment = {
    assessmentId: ids.assessmentId(),
    assessmentName: name,
    traceId: trace.traceId,
    spanId: stringField(input, 'span_id'),
    source: input.source === undefined ? undefined : asObject(input.source),
    createTime: stringField(input, 'create_time') ?? now,
    lastUpdateTime: stringField(input, 'last_update_time') ?? now,
    feedback: input.feedback === undefined ? undefined : asObject(input.feedback),
    expectation: input.expectation === undefined ? undefined : asObject(input.expectation),
    rationale: stringField(input, 'rationale'),
    metadata: input.metadata === undefined ? undefined : stringMap(input.metadata),
    overrides: stringField(input, 'overrides'),
    valid: true,
  };
  if (assessment.overrides) {
    const overridden = trace.assessments.find((item) => item.assessmentId === assessment.overrides);
    if (overridden) overridden.valid = false;
  }
  trace.assessments.push(assessment);
  trace.cachedJson = undefined;
  return assessment;
}

/** Applies an update-assessment request: the fields of `update_mask` (default: every field sent). */
export function updateAssessmentFields(assessment: StoredAssessment, body: Json, now: string): void {
  const input = asObject(body.assessment);
  const mask = (stringField(body, 'update_mask') ?? Object.keys(input).join(',')).split(',');
  for (const field of mask.map((entry) => entry.trim())) {
    if (field === 'assessment_name' && typeof input.assessment_name === 'string') {
      assessment.assessmentName = input.assessment_name;
    } else if (field === 'feedback' && input.feedback !== undefined)
      assessment.feedback = asObject(input.feedback);
    else if (field === 'expectation' && input.expectation !== undefined) {
      assessment.expectation = asObject(input.expectation);
    } else if (field === 'rationale') assessment.rationale = stringField(input, 'rationale');
    else if (field === 'metadata') assessment.metadata = stringMap(input.metadata);
    else if (field === 'valid' && typeof input.valid === 'boolean') assessment.valid = input.valid;
  }
  assessment.lastUpdateTime = now;
}
