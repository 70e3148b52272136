// A dependency the mock needs is not there (Redis stopped, restarting or loading its data). Requests answer 503 in
// the vendor's envelope with Retry-After, never 500: nothing is wrong with the request or the mock, so a client should
// retry, as it would against the vendor during an outage.

export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
  constructor(
    message: string,
    /** Seconds a client should wait before retrying. */
    readonly retryAfterSeconds = 1,
  ) {
    super(message);
  }
}

export function isUnavailable(error: unknown): error is StoreUnavailable {
  return error instanceof StoreUnavailable;
}

/** Redis replies that mean "not now" rather than "wrong": a loading, busy or read-only server. */
const TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|READONLY|TRYAGAIN|CLUSTERDOWN|NOREPLICAS|MISCONF)\b/;

/**
 * Whether an error from the Redis client is an outage (connection refused, closed, reset, timed out, the client
 * giving up on retries, a transient reply) rather than a bug (a script error, a wrong type): only outages become 503s.
 */
export function isOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ReplyError') return TRANSIENT_REPLY.test(error.message);
  return true;
}

/** Runs a Redis call, turning an outage into `StoreUnavailable` (naming what failed) and letting bugs through. */
export async function duringOutage<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isOutage(error)) throw new StoreUnavailable(`Redis is unavailable (${what}: ${(error as Error).message})`);
    throw error;
  }
}
