/**
 * The Events API v2 alert event format and limits (PagerDuty/developer-docs `events-API-v2/01-Overview.md`,
 * `02-Trigger-Events.md`). Stricter than PagerDuty in one way: unknown fields are errors, so a misspelt field
 * (`dedupKey`) fails a test instead of being ignored.
 */
export const pagerdutyEventLimits = {
  routingKey: 32,
  dedupKey: 255,
  summary: 1024,
  /** Bytes of the request body. */
  payload: 512 * 1024,
} as const;

const severities = ['critical', 'error', 'warning', 'info'];
const actions = ['trigger', 'acknowledge', 'resolve'];
const topLevelFields = new Set([
  'routing_key',
  'event_action',
  'dedup_key',
  'payload',
  'images',
  'links',
  'client',
  'client_url',
]);
const payloadFields = new Set([
  'summary',
  'source',
  'severity',
  'timestamp',
  'component',
  'group',
  'class',
  'custom_details',
]);

type Fields = Record<string, unknown>;

/** Checks an Events API v2 alert event (parsed JSON) against the documented format; returns the errors found. */
export function validatePagerdutyEvent(event: unknown): string[] {
  if (!isObject(event)) return ['The event must be a JSON object'];
  const errors: string[] = [];
  for (const field of Object.keys(event))
    if (!topLevelFields.has(field)) errors.push(`'${field}' is not a field of an event`);
  errors.push(...routingProblems(event));
  if (event.event_action === 'trigger') {
    if (isObject(event.payload)) errors.push(...payloadProblems(event.payload));
    else errors.push("'payload' is missing");
  } else if (event.payload !== undefined && (typeof event.payload !== 'object' || event.payload === null)) {
    errors.push("'payload' must be an object");
  }
  errors.push(...linkProblems(event.links), ...imageProblems(event.images));
  for (const field of ['client', 'client_url'])
    if (event[field] !== undefined && !isString(event[field])) errors.push(`'${field}' must be a string`);
  return errors;
}

function routingProblems(event: Fields): string[] {
  const errors: string[] = [];
  if (!isString(event.routing_key) || event.routing_key === '') errors.push("'routing_key' is missing");
  else if (event.routing_key.length !== pagerdutyEventLimits.routingKey)
    errors.push(`'routing_key' must be ${pagerdutyEventLimits.routingKey} characters`);
  if (!isString(event.event_action) || !actions.includes(event.event_action))
    errors.push("'event_action' must be one of trigger, acknowledge, resolve");
  if (event.dedup_key !== undefined) {
    if (!isString(event.dedup_key) || event.dedup_key === '') errors.push("'dedup_key' must be a string");
    else if (event.dedup_key.length > pagerdutyEventLimits.dedupKey)
      errors.push(`'dedup_key' must be at most ${pagerdutyEventLimits.dedupKey} characters`);
  } else if (event.event_action === 'acknowledge' || event.event_action === 'resolve') {
    errors.push(`'dedup_key' is required for ${event.event_action}`);
  }
  return errors;
}

function payloadProblems(payload: Fields): string[] {
  const errors: string[] = [];
  for (const field of Object.keys(payload))
    if (!payloadFields.has(field)) errors.push(`'payload.${field}' is not a field of a payload`);
  if (!isString(payload.summary) || payload.summary.trim() === '')
    errors.push("'payload.summary' is missing");
  else if (payload.summary.length > pagerdutyEventLimits.summary)
    errors.push(`'payload.summary' must be at most ${pagerdutyEventLimits.summary} characters`);
  if (!isString(payload.source) || payload.source.trim() === '') errors.push("'payload.source' is missing");
  if (!isString(payload.severity) || !severities.includes(payload.severity))
    errors.push("'payload.severity' must be one of critical, error, warning, info");
  if (payload.timestamp !== undefined && (!isString(payload.timestamp) || !isIsoTimestamp(payload.timestamp)))
    errors.push("'payload.timestamp' must be an ISO 8601 timestamp");
  for (const field of ['component', 'group', 'class'])
    if (payload[field] !== undefined && !isString(payload[field]))
      errors.push(`'payload.${field}' must be a string`);
  if (payload.custom_details !== undefined && !isObject(payload.custom_details))
    errors.push("'payload.custom_details' must be an object");
  return errors;
}

function linkProblems(links: unknown): string[] {
  if (links === undefined) return [];
  if (!Array.isArray(links)) return ["'links' must be an array"];
  const errors: string[] = [];
  links.forEach((link: unknown, index) => {
    if (!isObject(link) || !isString(link.href) || link.href === '')
      errors.push(`'links[${index}].href' is missing`);
    else if (link.text !== undefined && !isString(link.text))
      errors.push(`'links[${index}].text' must be a string`);
    else if (Object.keys(link).some((key) => key !== 'href' && key !== 'text'))
      errors.push(`'links[${index}]' may only have href and text`);
  });
  return errors;
}

function imageProblems(images: unknown): string[] {
  if (images === undefined) return [];
  if (!Array.isArray(images)) return ["'images' must be an array"];
  const errors: string[] = [];
  images.forEach((image: unknown, index) => {
    if (!isObject(image) || !isString(image.src) || !image.src.startsWith('https://'))
      errors.push(`'images[${index}].src' must be an https URL`);
  });
  return errors;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIsoTimestamp(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}
