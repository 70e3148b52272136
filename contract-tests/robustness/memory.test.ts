import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { assembleMock } from '../../src/assemble.ts';
import { createControlledClock } from '../../src/core/clock.ts';

/**
 * The engine holds nothing per request beyond its bounded journal and caches: under a mixed load of reads, pages,
 * creates and lifecycle ticks, with the data reset between rounds, the live heap (after a full collection) stays
 * flat. `npm run soak` watches the same from outside, as RSS of a server under HTTP load.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function liveHeapMb(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed / 1e6;
}

describe('engine memory under a long mixed load', () => {
  it('stays flat across rounds', async () => {
    const { engine } = assembleMock({ seed: 1, records: 2000, rateLimits: false, controlledClock: createControlledClock('real', Date.now()) });
    await engine.ready();
    const headers = { authorization: 'Bearer soak' };
    const body = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    const heaps: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 600; i++) {
        await engine.handle('nerm', {
          method: 'GET',
          path: '/api/workflow_sessions',
          base: '/nerm',
          query: [
            ['limit', '50'],
            ['offset', String((i % 7) * 50)],
            ['order', '-created_at'],
            ['metadata', 'true'],
          ],
          headers,
        });
        await engine.handle('amperity', {
          method: 'GET',
          path: '/api/workflow/runs',
          base: '/amperity',
          query: [['limit', '50']],
          headers: { ...headers, 'amperity-tenant': 'socktown', 'api-version': '2024-04-01' },
        });
        await engine.handle('nerm', {
          method: 'POST',
          path: '/api/workflow_sessions',
          base: '/nerm',
          query: [],
          headers: { ...headers, 'content-type': 'application/json' },
          body: body({
            workflow_session: {
              workflow_id: '6fe6ad93-3211-4ca9-a5a8-fc7e9bece4e3',
              requester_id: '5b565e11-f681-4494-8550-05b4c4776a54',
              requester_type: 'NeprofileUser',
            },
          }),
        });
      }
      await engine.tick();
      await engine.reset();
      heaps.push(liveHeapMb());
    }
    // The first round warms caches and compiled code; after it, no round may leave more behind than noise.
    const settled = heaps.slice(1);
    expect(Math.max(...settled) - Math.min(...settled), `live heap per round (MB): ${heaps.map((h) => h.toFixed(1)).join(', ')}`).toBeLessThan(4);
  }, 60_000);
});
