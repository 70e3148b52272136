// One run of an async job shared by the callers that arrive while another is in flight (the Redis store's catch-up).

/**
 * Calls of `run` shared by concurrent callers: a caller gets a run that starts after it called (so it sees every
 * change made before), joining the one queued behind the run in flight rather than starting its own.
 */
export function latestOf(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const current = run().finally(() => {
      if (running === current) running = undefined;
    });
    running = current;
    return current;
  };
  return () => {
    if (!running) return start();
    if (!queued) {
      queued = running
        .catch(() => undefined)
        .then(() => {
          queued = undefined;
          return start();
        });
    }
    return queued;
  };
}
