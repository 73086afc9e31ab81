/** An HTTP error the emulator answers with: `{"detail": message}` (or `body`) and the status. */
export class EmulatorHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
  }
}
