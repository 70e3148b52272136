import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../src/core/json.ts';
import { checkerRules } from '../../src/lifecycle/progress.ts';
import { checkLifecycle } from '../../src/state/lifecycle-check.ts';
import { httpCall, sendOverHttp } from '../support/driver-http.ts';
import { manualMocks, MINUTE, SECOND } from '../support/manual-mock.ts';
import { starterOf } from '../robustness/drivers.ts';
import { declaredPacks, withPart } from '../support/pack-testing.ts';

// Runs move by themselves as each pack's lifecycle declares (`mocks/<id>/lifecycle.ts`), for every pack with a
// lifecycle and a model driver: a new run stays in its first state for at least a minute (where a client can start one), and
// every representation it shows while the clock runs on for a day satisfies the lifecycle checker. What each vendor's
// runs go through is tested beside its contracts (`contract-tests/<id>/lifecycle.test.ts`).

const manual = manualMocks();
const living = withPart(await declaredPacks(), 'model', 'lifecycle checks').filter(({ pack }) => {
  if (!pack.lifecycle) console.log(`lifecycle checks skipped for ${pack.id}: it declares no lifecycle`);
  return pack.lifecycle !== undefined;
});

describe.each(living)('$pack.id runs on the mock clock', ({ pack, testing }) => {
  it('keep a new run in its first state for a minute (a seeded one where clients cannot start runs), then show only what the lifecycle allows', async () => {
    const mock = await manual({ packs: [pack] });
    const base = mock.url(pack.id);
    const driver = await testing.model(httpCall(base));
    const start = starterOf(driver);
    const observations: JsonObject[] = [];
    const observe = async (id: string) => {
      const payload = (await (await sendOverHttp(base, driver, driver.get(id))).json()) as Json;
      observations.push((driver.runOf?.(payload) ?? payload) as JsonObject);
      return driver.stateOf(payload);
    };
    let id: string;
    if (start) {
      const created = await sendOverHttp(base, driver, start.request());
      const text = await created.text();
      expect(created.status, text).toBeLessThan(300);
      id = start.idOf({ payload: text === '' ? undefined : (JSON.parse(text) as Json), headers: Object.fromEntries(created.headers) });
      expect(await observe(id)).toBe(driver.initial);
      await mock.advance(59 * SECOND);
      expect(await observe(id)).toBe(driver.initial);
    } else {
      // A pack whose clients cannot start runs: a seeded run in a state the lifecycle moves on from.
      const first = driver.firstPage(100);
      const page = driver.readPage((await (await sendOverHttp(base, driver, first)).json()) as Json, 100, first);
      const moving = page.items.find((item) => pack.lifecycle?.progress?.states[item.state] !== undefined);
      if (!moving) throw new Error(`${pack.id}: no seeded run on the first page is in a state its lifecycle moves on from`);
      id = moving.id;
      await observe(id);
    }
    for (const step of [MINUTE, MINUTE, 5 * MINUTE, 10 * MINUTE, 30 * MINUTE, 24 * 60 * MINUTE]) {
      await mock.advance(step);
      await observe(id);
    }
    if (!pack.lifecycle) throw new Error(`${pack.id} declares no lifecycle`);
    expect(checkLifecycle(checkerRules(pack.lifecycle), observations)).toEqual([]);
  });
});
