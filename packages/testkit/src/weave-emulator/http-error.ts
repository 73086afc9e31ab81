/** An answer given by throwing: a status with its JSON body (`{reason}`, or FastAPI's `{detail}`). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}
