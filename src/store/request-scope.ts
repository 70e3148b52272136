import { AsyncLocalStorage } from 'node:async_hooks';

// When the request being served began. A shared store that brought a space up to date after that moment need not do
// it again for the same request: the Redis store then makes one round trip per request, however many times the
// pipeline reads (the space's seed check, a parent record, the epoch, the record itself).

const scope = new AsyncLocalStorage<number>();

/** Runs a request's work with its start time in scope. */
export function inRequest<T>(run: () => Promise<T>): Promise<T> {
  return scope.run(performance.now(), run);
}

/** When the request being served began (`performance.now()`), or undefined outside one (start-up, ticks, admin). */
export function requestStartedAt(): number | undefined {
  return scope.getStore();
}
