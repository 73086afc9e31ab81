/**
 * The trace server's request models (pydantic; `BaseModelStrict` ones forbid unknown fields) as small shapes, so
 * the emulator answers a malformed request as FastAPI does: 422 `{"detail": [{type, loc, msg, input}]}`.
 */
export type Shape =
  | { kind: 'string' | 'int' | 'number' | 'bool' | 'any' | 'dict' | 'datetime' }
  | { kind: 'list'; item: Shape }
  | { kind: 'literal'; values: readonly string[] }
  | { kind: 'object'; strict: boolean; fields: Record<string, Field> }
  | { kind: 'query' };

export interface Field {
  shape: Shape;
  required?: boolean;
  /** Optional[...] fields accept null. */
  nullable?: boolean;
}

export interface ValidationDetail {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input?: unknown;
}

const string: Shape = { kind: 'string' };
const int: Shape = { kind: 'int' };
const bool: Shape = { kind: 'bool' };
const any: Shape = { kind: 'any' };
const dict: Shape = { kind: 'dict' };
const datetime: Shape = { kind: 'datetime' };
const stringList: Shape = { kind: 'list', item: string };
const query: Shape = { kind: 'query' };

const required = (shape: Shape): Field => ({ shape, required: true });
const optional = (shape: Shape): Field => ({ shape, nullable: true });

function object(fields: Record<string, Field>, strict = true): Shape {
  return { kind: 'object', strict, fields };
}

const sortBy: Shape = {
  kind: 'list',
  item: object({
    field: required(string),
    direction: required({ kind: 'literal', values: ['asc', 'desc'] }),
  }),
};

const callsFilter = object({
  op_names: optional(stringList),
  input_refs: optional(stringList),
  output_refs: optional(stringList),
  parent_ids: optional(stringList),
  trace_ids: optional(stringList),
  call_ids: optional(stringList),
  thread_ids: optional(stringList),
  turn_ids: optional(stringList),
  trace_roots_only: optional(bool),
  wb_user_ids: optional(stringList),
  wb_run_ids: optional(stringList),
});

/** StartedCallSchemaForInsert and EndedCallSchemaForInsert are plain BaseModels: unknown fields are ignored. */
const startedCall = object(
  {
    project_id: required(string),
    id: optional(string),
    op_name: required(string),
    display_name: optional(string),
    trace_id: optional(string),
    parent_id: optional(string),
    thread_id: optional(string),
    turn_id: optional(string),
    started_at: required(datetime),
    attributes: required(dict),
    inputs: required(dict),
    otel_dump: optional(dict),
    wb_user_id: optional(string),
    wb_run_id: optional(string),
    wb_run_step: optional(int),
  },
  false,
);

const endedCall = object(
  {
    project_id: required(string),
    id: required(string),
    ended_at: required(datetime),
    exception: optional(string),
    output: optional(any),
    summary: required(dict),
    wb_run_step_end: optional(int),
  },
  false,
);

export const callStartRequest = object({ start: required(startedCall) });
export const callEndRequest = object({ end: required(endedCall) });
export const callUpsertBatchRequest = object({
  batch: required({
    kind: 'list',
    item: object({ mode: optional(string), req: required(any) }, false),
  }),
});

export const callsQueryRequest = object({
  project_id: required(string),
  filter: optional(callsFilter),
  limit: optional(int),
  offset: optional(int),
  sort_by: optional(sortBy),
  query: optional(query),
  include_costs: optional(bool),
  include_feedback: optional(bool),
  include_storage_size: optional(bool),
  include_total_storage_size: optional(bool),
  columns: optional(stringList),
  expand_columns: optional(stringList),
  return_expanded_column_values: optional(bool),
});

export const callsQueryStatsRequest = object({
  project_id: required(string),
  filter: optional(callsFilter),
  query: optional(query),
  limit: optional(int),
  include_total_storage_size: optional(bool),
  expand_columns: optional(stringList),
});

export const callReadRequest = object({
  project_id: required(string),
  id: required(string),
  include_costs: optional(bool),
  include_storage_size: optional(bool),
  include_total_storage_size: optional(bool),
});

export const callUpdateRequest = object({
  project_id: required(string),
  call_id: required(string),
  display_name: optional(string),
  wb_user_id: optional(string),
});

export const feedbackCreateRequest = object({
  id: optional(string),
  project_id: required(string),
  weave_ref: required(string),
  creator: optional(string),
  feedback_type: required(string),
  payload: required(dict),
  annotation_ref: optional(string),
  runnable_ref: optional(string),
  call_ref: optional(string),
  trigger_ref: optional(string),
  wb_user_id: optional(string),
});

export const feedbackQueryRequest = object({
  project_id: required(string),
  fields: optional(stringList),
  query: optional(query),
  sort_by: optional(sortBy),
  limit: optional(int),
  offset: optional(int),
});

export const objCreateRequest = object({
  obj: required(
    object(
      {
        project_id: required(string),
        object_id: required(string),
        val: required(any),
        builtin_object_class: optional(string),
        set_base_object_class: optional(string),
        wb_user_id: optional(string),
      },
      false,
    ),
  ),
});

export const objReadRequest = object({
  project_id: required(string),
  object_id: required(string),
  digest: required(string),
  metadata_only: optional(bool),
});

export const tableCreateRequest = object({
  table: required(
    object({ project_id: required(string), rows: required({ kind: 'list', item: dict }) }, false),
  ),
});

export const tableQueryRequest = object({
  project_id: required(string),
  digest: required(string),
  filter: optional(object({ row_digests: optional(stringList) })),
  limit: optional(int),
  offset: optional(int),
  sort_by: optional(sortBy),
});

export const costCreateRequest = object({
  project_id: required(string),
  costs: required(dict),
  wb_user_id: optional(string),
});

export const costInput = object({
  prompt_token_cost: required({ kind: 'number' }),
  completion_token_cost: required({ kind: 'number' }),
  prompt_token_cost_unit: optional(string),
  completion_token_cost_unit: optional(string),
  effective_date: optional(datetime),
  provider_id: optional(string),
});

/** Checks `value` against `shape`, appending FastAPI-style problems to `details`. */
export function validateShape(
  value: unknown,
  shape: Shape,
  loc: Array<string | number> = ['body'],
  details: ValidationDetail[] = [],
): ValidationDetail[] {
  switch (shape.kind) {
    case 'any':
      return details;
    case 'string':
      if (typeof value !== 'string')
        details.push(problem('string_type', loc, 'Input should be a valid string', value));
      return details;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value))
        details.push(problem('int_type', loc, 'Input should be a valid integer', value));
      return details;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value))
        details.push(problem('float_type', loc, 'Input should be a valid number', value));
      return details;
    case 'bool':
      if (typeof value !== 'boolean')
        details.push(problem('bool_type', loc, 'Input should be a valid boolean', value));
      return details;
    case 'datetime':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value))
        details.push(problem('datetime_from_date_parsing', loc, 'Input should be a valid datetime', value));
      return details;
    case 'dict':
      if (!isPlainObject(value))
        details.push(problem('dict_type', loc, 'Input should be a valid dictionary', value));
      return details;
    case 'literal':
      if (typeof value !== 'string' || !shape.values.includes(value))
        details.push(
          problem(
            'literal_error',
            loc,
            `Input should be ${shape.values.map((entry) => `'${entry}'`).join(' or ')}`,
            value,
          ),
        );
      return details;
    case 'list':
      if (!Array.isArray(value)) {
        details.push(problem('list_type', loc, 'Input should be a valid list', value));
        return details;
      }
      value.forEach((item, index) => {
        validateShape(item, shape.item, [...loc, index], details);
      });
      return details;
    case 'query':
      if (!isPlainObject(value)) {
        details.push(
          problem('model_type', loc, 'Input should be a valid dictionary or instance of Query', value),
        );
        return details;
      }
      for (const key of Object.keys(value)) {
        if (key !== '$expr')
          details.push(
            problem('extra_forbidden', [...loc, key], 'Extra inputs are not permitted', value[key]),
          );
      }
      if (!('$expr' in value)) details.push(problem('missing', [...loc, '$expr'], 'Field required', value));
      else validateOperation(value.$expr, [...loc, '$expr'], details);
      return details;
    case 'object': {
      if (!isPlainObject(value)) {
        details.push(problem('model_type', loc, 'Input should be a valid dictionary or object', value));
        return details;
      }
      for (const [key, field] of Object.entries(shape.fields)) {
        const entry = value[key];
        if (entry === undefined) {
          if (field.required) details.push(problem('missing', [...loc, key], 'Field required', value));
          continue;
        }
        if (entry === null && field.nullable) continue;
        validateShape(entry, field.shape, [...loc, key], details);
      }
      if (shape.strict) {
        for (const key of Object.keys(value)) {
          if (!(key in shape.fields))
            details.push(
              problem('extra_forbidden', [...loc, key], 'Extra inputs are not permitted', value[key]),
            );
        }
      }
      return details;
    }
  }
}

const binaryOperators = new Set(['$eq', '$gt', '$gte']);
const listOperators = new Set(['$and', '$or']);

/** The query language of `weave/trace_server/interface/query.py`. */
function validateOperation(value: unknown, loc: Array<string | number>, details: ValidationDetail[]): void {
  if (!isPlainObject(value) || Object.keys(value).length !== 1) {
    details.push(
      problem('union_tag_invalid', loc, 'Expected exactly one operation such as $and, $eq or $gt', value),
    );
    return;
  }
  const [operator, argument] = Object.entries(value)[0]!;
  const here = [...loc, operator];
  if (listOperators.has(operator)) {
    if (!Array.isArray(argument))
      details.push(problem('list_type', here, 'Input should be a valid list', argument));
    else
      for (const [index, operand] of argument.entries()) validateOperand(operand, [...here, index], details);
  } else if (operator === '$not') {
    if (!Array.isArray(argument) || argument.length !== 1)
      details.push(problem('tuple_type', here, '$not takes a list of exactly one operand', argument));
    else validateOperand(argument[0], [...here, 0], details);
  } else if (binaryOperators.has(operator)) {
    if (!Array.isArray(argument) || argument.length !== 2)
      details.push(problem('tuple_type', here, `${operator} takes a list of exactly two operands`, argument));
    else
      for (const [index, operand] of argument.entries()) validateOperand(operand, [...here, index], details);
  } else if (operator === '$in') {
    if (!Array.isArray(argument) || argument.length !== 2 || !Array.isArray(argument[1]))
      details.push(problem('tuple_type', here, '$in takes [operand, [operands]]', argument));
    else {
      validateOperand(argument[0], [...here, 0], details);
      for (const [index, operand] of (argument[1] as unknown[]).entries())
        validateOperand(operand, [...here, 1, index], details);
    }
  } else if (operator === '$contains') {
    if (!isPlainObject(argument)) {
      details.push(
        problem('model_type', here, '$contains takes {input, substr, case_insensitive?}', argument),
      );
      return;
    }
    for (const key of Object.keys(argument)) {
      if (!['input', 'substr', 'case_insensitive'].includes(key))
        details.push(
          problem('extra_forbidden', [...here, key], 'Extra inputs are not permitted', argument[key]),
        );
    }
    if (argument.input === undefined)
      details.push(problem('missing', [...here, 'input'], 'Field required', argument));
    else validateOperand(argument.input, [...here, 'input'], details);
    if (argument.substr === undefined)
      details.push(problem('missing', [...here, 'substr'], 'Field required', argument));
    else validateOperand(argument.substr, [...here, 'substr'], details);
  } else {
    details.push(problem('union_tag_invalid', here, `Unknown operation '${operator}'`, value));
  }
}

function validateOperand(value: unknown, loc: Array<string | number>, details: ValidationDetail[]): void {
  if (isPlainObject(value) && Object.keys(value).length === 1) {
    if ('$literal' in value) return;
    if ('$getField' in value) {
      if (typeof value.$getField !== 'string')
        details.push(
          problem('string_type', [...loc, '$getField'], 'Input should be a valid string', value.$getField),
        );
      return;
    }
    if ('$convert' in value) {
      const convert = value.$convert;
      const to = isPlainObject(convert) ? convert.to : undefined;
      if (!isPlainObject(convert) || !['double', 'string', 'int', 'bool', 'exists'].includes(String(to)))
        details.push(
          problem(
            'literal_error',
            [...loc, '$convert'],
            "Input should be {input, to: 'double'|'string'|'int'|'bool'|'exists'}",
            convert,
          ),
        );
      else validateOperand(convert.input, [...loc, '$convert', 'input'], details);
      return;
    }
  }
  validateOperation(value, loc, details);
}

function problem(type: string, loc: Array<string | number>, msg: string, input: unknown): ValidationDetail {
  return { type, loc, msg, input };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
