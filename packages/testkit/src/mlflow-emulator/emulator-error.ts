import { jsonReply, type Reply } from '../test-server/reply.js';

/** An MLflow error response: `{"error_code", "message"}` with the HTTP status MLflow maps the code to. */
export class MlflowApiError extends Error {
  readonly status: number;
  readonly errorCode: string;

  constructor(errorCode: MlflowErrorCode, message: string) {
    super(message);
    this.name = 'MlflowApiError';
    this.errorCode = errorCode;
    this.status = statusOfErrorCode[errorCode];
  }
}

/** mlflow/exceptions.py: the HTTP status of each error code. */
const statusOfErrorCode = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  RESOURCE_CONFLICT: 409,
  ABORTED: 409,
  REQUEST_LIMIT_EXCEEDED: 429,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
} as const;

export type MlflowErrorCode = keyof typeof statusOfErrorCode;

export function invalidParameter(message: string): MlflowApiError {
  return new MlflowApiError('INVALID_PARAMETER_VALUE', message);
}

export function missingParameter(name: string): MlflowApiError {
  return invalidParameter(
    `Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`,
  );
}

export function notFound(message: string): MlflowApiError {
  return new MlflowApiError('RESOURCE_DOES_NOT_EXIST', message);
}

/** The answer of an MLflow error: `{error_code, message}` with its status. */
export function apiErrorReply(error: MlflowApiError): Reply {
  return jsonReply(error.status, { error_code: error.errorCode, message: error.message });
}
