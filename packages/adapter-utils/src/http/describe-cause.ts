/** Why a fetch failed, in a few words: the system error (`ECONNREFUSED`) or the messages of the error and its cause. */
export function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return error === undefined ? '' : String(error);
  if (error.name === 'TimeoutError') return 'timed out';
  const cause = (error as { cause?: unknown }).cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const causeMessage = cause instanceof Error ? cause.message : '';
  if (typeof code === 'string') return causeMessage ? `${code} (${causeMessage})` : code;
  return causeMessage && causeMessage !== error.message
    ? `${error.message} (${causeMessage})`
    : error.message;
}
