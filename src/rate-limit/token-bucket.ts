// A token bucket as a pure function: `capacity` requests at once, refilled at `perSecond`. The state is two
// numbers, so a Redis-backed limiter can keep it in a hash and apply the same function in a script.

export interface BucketRule {
  readonly perSecond: number;
  readonly capacity: number;
}

export interface BucketState {
  readonly tokens: number;
  readonly at: number;
}

export interface BucketDecision {
  readonly allowed: boolean;
  readonly state: BucketState;
  /** When refused: milliseconds until a token is available. */
  readonly retryAfterMs: number;
}

export function takeToken(rule: BucketRule, state: BucketState | undefined, now: number): BucketDecision {
  const previous = state ?? { tokens: rule.capacity, at: now };
  const elapsed = Math.max(0, now - previous.at);
  const tokens = Math.min(rule.capacity, previous.tokens + (elapsed * rule.perSecond) / 1000);
  if (tokens >= 1) return { allowed: true, state: { tokens: tokens - 1, at: now }, retryAfterMs: 0 };
  return { allowed: false, state: { tokens, at: now }, retryAfterMs: Math.ceil(((1 - tokens) * 1000) / rule.perSecond) };
}
