import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { testMock } from '../../src/assemble.ts';
import { createControlledClock } from '../../src/core/clock.ts';
import { packCall } from '../support/pack-call.ts';
import { declaredPacks, withPart } from '../support/pack-testing.ts';
import { starterOf, type Request } from './drivers.ts';

// The engine holds nothing per request beyond its bounded journal and caches: under a mixed load of reads, pages,
// creates and lifecycle ticks, with the data reset between rounds, the live heap (after a full collection) stays
// flat. The load goes to every pack declaring a model driver (its first page and its create, in turn); `npm run soak`
// watches the same from outside, as RSS of a server under HTTP load.

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const loaded = withPart(await declaredPacks(), 'model', 'memory load');

function liveHeapMb(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed / 1e6;
}

describe('engine memory under a long mixed load', () => {
  it('stays flat across rounds', async () => {
    const { engine, admin } = testMock({ seed: 1, records: 800, rateLimits: false, controlledClock: createControlledClock('real', Date.now()) });
    await admin.ready();
    const drivers = await Promise.all(loaded.map(async ({ pack, testing }) => ({ api: pack.id, driver: await testing.model(packCall(engine, pack.id)) })));
    expect(drivers.length).toBeGreaterThan(0);
    const heaps: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 300; i++) {
        const { api, driver } = drivers[i % drivers.length] as (typeof drivers)[number];
        const send = (request: Request) => engine.handle(api, { ...request, base: `/${api}`, headers: { ...driver.headers, ...request.headers } });
        // Creates every time (reads a page where the API cannot start runs), a page of 50 every fourth time: pages
        // cost more, and what they keep is the same.
        if (i % 4 === 0) await send(driver.firstPage(50));
        await send(starterOf(driver)?.request() ?? driver.firstPage(25));
      }
      await admin.tick();
      await admin.reset();
      heaps.push(liveHeapMb());
    }
    // The first round warms caches and compiled code; after it, no round may leave more behind than noise.
    const settled = heaps.slice(1);
    expect(Math.max(...settled) - Math.min(...settled), `live heap per round (MB): ${heaps.map((h) => h.toFixed(1)).join(', ')}`).toBeLessThan(4);
  }, 60_000);
});
