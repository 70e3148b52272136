import { describe, expect, it } from 'vitest';
import { latestOf } from './latest.ts';

describe('a shared run', () => {
  it('gives the callers that arrive while a run is in flight one shared run that starts after it', async () => {
    let runsStarted = 0;
    let release: () => void = () => undefined;
    const run = latestOf(async () => {
      runsStarted++;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    const first = run();
    const joined = [run(), run(), run()];
    expect(runsStarted).toBe(1);
    release();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runsStarted).toBe(2);
    release();
    await Promise.all(joined);
    expect(runsStarted).toBe(2);
  });
});
