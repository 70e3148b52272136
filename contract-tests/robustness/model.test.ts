import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testMock } from '../../src/assemble.ts';
import { createControlledClock } from '../../src/core/clock.ts';
import type { Json } from '../../src/core/json.ts';
import type { Engine, EngineAdmin } from '../../src/engine/engine.ts';
import { REFERENCE_DATE } from '../../src/engine/seeding.ts';
import type { StateMachine } from '../../src/state/machine.ts';
import { packCall } from '../support/pack-call.ts';
import { declaredPacks, withPart } from '../support/pack-testing.ts';
import { starterOf, type ModelDriver, type Request } from './drivers.ts';

// Model-based tests (fast-check commands): random sequences of create, move, read and page-through against a reference
// model of each API — a map from run id to state, moved by the state machine the pack declares. After every step the
// mock must agree: the state a read shows, a move refused exactly when the model says it is illegal (with the vendor's
// status), and a traversal of every page that shows each run once, with its state, and a total that matches.
// Each sequence runs in its own session (`X-Mock-Session`), so sequences never see each other's runs. A driver that
// cannot start runs (no `create`) is modelled on the listed runs instead. Every pack declaring a driver (`model` in
// `mocks/<id>/testing.ts`) and a state machine is tested; the others are named with why.

const RUNS = Number(process.env['MODEL_RUNS'] ?? 25);

interface Model {
  readonly runs: Map<string, string>;
  readonly order: string[];
  baseline: number;
}

interface Real {
  send(request: Request): Promise<{ status: number; payload: Json | undefined; headers: Readonly<Record<string, string>> }>;
}

let engine: Engine;
let admin: EngineAdmin;
let sessions = 0;
const tally: string[] = [];
const modelled = withPart(await declaredPacks(), 'model', 'model-based tests').filter(({ pack }) => {
  if (!pack.lifecycle) console.log(`model-based tests skipped for ${pack.id}: it declares no state machine (lifecycle)`);
  return pack.lifecycle !== undefined;
});

beforeAll(async () => {
  ({ engine, admin } = testMock({
    seed: 5,
    rateLimits: false,
    controlledClock: createControlledClock('manual', Date.parse(REFERENCE_DATE)),
  }));
  await admin.ready();
});

function realFor(api: string, driver: ModelDriver, session: string): Real {
  return {
    async send(request) {
      const response = await engine.handle(api, {
        ...request,
        base: `/${api}`,
        headers: { ...driver.headers, ...request.headers, 'x-mock-session': session },
      });
      expect(response.status, `${request.method} ${request.path}: ${JSON.stringify(response.payload)?.slice(0, 200)}`).toBeLessThan(500);
      return { status: response.status, payload: response.payload, headers: response.headers };
    },
  };
}

async function traverse(
  driver: ModelDriver,
  real: Real,
  limit: number,
  betweenPages?: () => Promise<void>,
): Promise<{ seen: Map<string, string>; total?: number }> {
  const seen = new Map<string, string>();
  let request: Request | undefined = driver.firstPage(limit);
  let total: number | undefined;
  for (let pages = 0; request; pages++) {
    expect(pages, 'a traversal that never ends').toBeLessThan(10_000);
    const response = await real.send(request);
    expect(response.status).toBe(200);
    const page = driver.readPage(response.payload, limit, request);
    total ??= page.total;
    for (const item of page.items) {
      expect(seen.has(item.id), `run ${item.id} shown twice`).toBe(false);
      seen.set(item.id, item.state);
    }
    request = page.next;
    if (request) await betweenPages?.();
  }
  return { seen, ...(total === undefined ? {} : { total }) };
}

function commandsFor(driver: ModelDriver, machine: StateMachine): fc.Arbitrary<Iterable<fc.AsyncCommand<Model, Real>>> {
  const readState = async (real: Real, id: string) => driver.stateOf((await real.send(driver.get(id))).payload);
  const pickRun = (model: Model, pick: number) => model.order[pick % model.order.length] as string;

  const start = starterOf(driver);
  const create = fc.constant<fc.AsyncCommand<Model, Real>>({
    check: () => start !== undefined,
    async run(model, real) {
      if (!start) return;
      const response = await real.send(start.request());
      expect(response.status, JSON.stringify(response.payload)).toBeLessThan(300);
      const id = start.idOf(response);
      expect(model.runs.has(id), `id ${id} handed out twice`).toBe(false);
      model.runs.set(id, driver.initial);
      model.order.push(id);
      expect(await readState(real, id)).toBe(driver.initial);
    },
    toString: () => 'create',
  });

  const move = fc.tuple(fc.nat(), fc.constantFrom(...driver.commands)).map(
    ([pick, command]): fc.AsyncCommand<Model, Real> => ({
      check: (model) => model.order.length > 0,
      async run(model, real) {
        const id = pickRun(model, pick);
        const from = model.runs.get(id) as string;
        const rule = machine.commands[command];
        const legal = rule?.from.includes(from);
        const response = await real.send(driver.transition(id, command));
        if (driver.currentStateIsNoMove && command === from) {
          expect(response.status, `${command} from ${from} is an update that changes nothing`).toBeLessThan(300);
        } else if (legal && rule) {
          expect(response.status, `${command} from ${from}: ${JSON.stringify(response.payload)}`).toBeLessThan(300);
          model.runs.set(id, rule.to);
        } else {
          expect(response.status, `${command} from ${from} must be refused`).toBe(driver.refusedStatus);
        }
        expect(await readState(real, id)).toBe(model.runs.get(id));
      },
      toString: () => `move #${pick} ${command}`,
    }),
  );

  const read = fc.nat().map(
    (pick): fc.AsyncCommand<Model, Real> => ({
      check: (model) => model.order.length > 0,
      async run(model, real) {
        const id = pickRun(model, pick);
        expect(await readState(real, id)).toBe(model.runs.get(id));
      },
      toString: () => `read #${pick}`,
    }),
  );

  const pageThrough = fc.constantFrom(7, 25, 100).map(
    (limit): fc.AsyncCommand<Model, Real> => ({
      check: () => true,
      async run(model, real) {
        const { seen, total } = await traverse(driver, real, limit);
        for (const [id, state] of model.runs) expect(seen.get(id), `run ${id} in the list`).toBe(state);
        expect(seen.size).toBe(model.baseline + model.runs.size);
        if (total !== undefined) expect(total).toBe(seen.size);
      },
      toString: () => `page through by ${limit}`,
    }),
  );

  // Keyset cursors (decision 001): runs started during a traversal sort before the cursor and are not visited;
  // every run that was there when it began is visited exactly once.
  const pageThroughWhileCreating = fc.constantFrom(7, 25).map(
    (limit): fc.AsyncCommand<Model, Real> => ({
      check: () => driver.keysetNewestFirst === true && start !== undefined,
      async run(model, real) {
        if (!start) return;
        const before = new Map(model.runs);
        const started: string[] = [];
        const { seen } = await traverse(driver, real, limit, async () => {
          const response = await real.send(start.request());
          const id = start.idOf(response);
          started.push(id);
          model.runs.set(id, driver.initial);
          model.order.push(id);
        });
        for (const [id, state] of before) expect(seen.get(id), `run ${id} visited once`).toBe(state);
        for (const id of started) expect(seen.has(id), `run ${id} started mid-traversal is not visited`).toBe(false);
        expect(seen.size).toBe(model.baseline + before.size);
      },
      toString: () => `page through by ${limit} while starting runs`,
    }),
  );

  return fc.commands([create, move, move, read, pageThrough, pageThroughWhileCreating], { maxCommands: 40, size: 'large' });
}

describe.each(modelled)('$pack.id against its reference model', ({ pack, testing }) => {
  it('agrees with the model after every step of random sequences', async () => {
    const api = pack.id;
    const driver = await testing.model(packCall(engine, api));
    const machine = pack.lifecycle?.machine as StateMachine;
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(commandsFor(driver, machine), async (commands) => {
        const real = realFor(api, driver, `model-${api}-${++sessions}`);
        const { seen } = await traverse(driver, real, 100);
        // An API that cannot start runs is modelled on the runs it lists, in the states it lists them.
        const model: Model = starterOf(driver)
          ? { runs: new Map(), order: [], baseline: seen.size }
          : { runs: new Map(seen), order: [...seen.keys()], baseline: 0 };
        steps += [...commands].length;
        await fc.asyncModelRun(() => ({ model, real }), commands);
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
    tally.push(`${api}: ${RUNS} sequences, ${steps} commands`);
    console.log(`model: ${tally.at(-1)}`);
  });
});
