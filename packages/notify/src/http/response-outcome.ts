/** What a channel's endpoint meant by its answer. */
export type ResponseOutcome =
  /** The message arrived. */
  | { delivered: true }
  /** It did not: the failure an HTTP status of this number means (retryable, dead, refused; see `statusError`). */
  | { delivered: false; status: number }
  /** It did not, for a reason the status does not tell (a 200 whose body reports a failure). */
  | { delivered: false; reason: string; retryable: boolean };

/** The default classification: any 2xx is a delivery, any other status fails as that status. */
export function statusOutcome(response: { status: number }): ResponseOutcome {
  return response.status >= 200 && response.status < 300
    ? { delivered: true }
    : { delivered: false, status: response.status };
}
