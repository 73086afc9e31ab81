import { ChannelError } from '@slokit/core';

/**
 * A redirect the channel did not follow. Following one would resend the body (signed, or holding a routing key)
 * and the custom headers (credentials) to wherever the Location points, so every 3xx with a Location is a failure
 * a retry will not fix. The message names where the endpoint pointed (host and port only: never the path, query
 * or user-info of either URL, which may hold a token).
 */
export function redirectError(options: {
  channel: string;
  endpoint: string;
  /** The URL that was requested. */
  url: string;
  status: number;
  location: string;
}): ChannelError {
  const { channel, endpoint, status } = options;
  return new ChannelError(
    channel,
    `the ${endpoint} redirected to ${redirectTarget(options.url, options.location)} (HTTP ${status}); redirects are not followed, so the message and its credentials stay with the configured endpoint: set channels.${channel} to the final URL`,
    { retryable: false },
  );
}

/** `hooks.example.com:8443`, `hooks.example.com over https`, or `another path of the same host`. */
function redirectTarget(requested: string, location: string): string {
  const from = new URL(requested);
  const to = URL.canParse(location, from.href) ? new URL(location, from.href) : undefined;
  if (to === undefined) return 'an invalid location';
  if (to.origin === from.origin) return 'another path of the same host';
  const scheme = to.protocol === from.protocol ? '' : ` over ${to.protocol.replace(/:$/, '')}`;
  return `${to.host || 'an address without a host'}${scheme}`;
}
