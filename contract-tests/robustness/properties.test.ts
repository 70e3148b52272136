import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testMock } from '../../src/assemble.ts';
import { createControlledClock } from '../../src/core/clock.ts';
import type { PlainResponse } from '../../src/core/request.ts';
import type { Engine, EngineAdmin } from '../../src/engine/engine.ts';
import type { ApiPack, Operation } from '../../src/engine/pack.ts';
import { REFERENCE_DATE } from '../../src/engine/seeding.ts';
import type { ResponseViolation } from '../../src/engine/response-check.ts';
import { declaredPacks, skipReason } from '../support/pack-testing.ts';
import { EMPTY_CONTEXT, packContexts, type PackContext } from './contexts.ts';
import { mutatedRequest, validRequest, type RequestCase } from './requests.ts';

// Every operation of every API, under requests generated from its schemas (fast-check): valid ones and ones broken
// in every way the generator knows. Properties: never a 5xx, never a hang, every response valid against the schema
// for its status (checked here again, with full format checks), no prototype pollution; a schema-valid request is
// never refused as invalid. The number of cases is printed per operation. Every mounted pack is tested; the valid
// requests need the pack's declared context (ids that exist, credentials), so a pack without one skips that test
// and says why.

const VALID_RUNS = Number(process.env['ROBUSTNESS_VALID_RUNS'] ?? 60);
const MUTATED_RUNS = Number(process.env['ROBUSTNESS_MUTATED_RUNS'] ?? 200);
const TIME_LIMIT_MS = 2000;

let engine: Engine;
let admin: EngineAdmin;
let contexts: Record<string, PackContext>;
const violations: ResponseViolation[] = [];
const tally: string[] = [];
const declared = await declaredPacks();

beforeAll(async () => {
  ({ engine, admin } = testMock({
    seed: 11,
    rateLimits: false,
    controlledClock: createControlledClock('manual', Date.parse(REFERENCE_DATE)),
    onViolation: (violation) => violations.push(violation),
  }));
  await admin.ready();
  contexts = await packContexts(engine, declared);
});

afterAll(() => {
  console.log(`robustness: generated cases per operation (valid / mutated)\n${tally.join('\n')}`);
});

async function send(pack: ApiPack, testCase: RequestCase): Promise<PlainResponse> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${TIME_LIMIT_MS} ms: ${testCase.mutation}`)), TIME_LIMIT_MS);
  });
  try {
    return await Promise.race([engine.handle(pack.id, testCase.request), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The schema a response with this status must satisfy: the operation's for its own statuses, the errors' otherwise. */
function schemaFor(pack: ApiPack, operation: Operation, status: number): string | null | undefined {
  return status >= 400 ? pack.errors.schema : operation.responses[status];
}

function checkAnswer(pack: ApiPack, operation: Operation, testCase: RequestCase, response: PlainResponse): void {
  const where = `${pack.id} ${operation.id} [${testCase.mutation}] ${testCase.request.method} ${testCase.request.path}`;
  expect(response.status, where).toBeGreaterThanOrEqual(200);
  expect(response.status, `${where}: ${JSON.stringify(response.payload)?.slice(0, 300)}`).toBeLessThan(500);
  // A broken path may reach another operation (an empty id lands on the list): judge by the one the mock matched.
  const matchedId = admin.journal.entries().at(-1)?.operation;
  const matched = pack.operations.find((candidate) => candidate.id === matchedId);
  const schema = matched ? schemaFor(pack, matched, response.status) : pack.errors.schema;
  expect(schema, `${where}: undocumented status ${response.status}`).not.toBeUndefined();
  if (schema) expect(admin.registry.check(schema, response.payload ?? null), where).toEqual([]);
  expect(({} as Record<string, unknown>)['polluted'], where).toBeUndefined();
  // Reported bugs are taken out, so one finding does not fail every case after it.
  expect(
    violations.splice(0).map((v) => `${v.kind} ${v.status}: ${v.detail.slice(0, 400)}`),
    where,
  ).toEqual([]);
}

describe.each(declared)('$pack.id under generated requests', (entry) => {
  const api = entry.pack.id;
  const pack = () => entry.pack;
  const noContext = skipReason(entry, 'context');
  if (noContext) console.log(`robustness: valid requests skipped for ${noContext}`);

  it.skipIf(noContext !== undefined)('answers schema-valid requests without refusing them as invalid, and some succeed', async () => {
    for (const operation of pack().operations) {
      let ran = 0;
      let succeeded = 0;
      await fc.assert(
        fc.asyncProperty(validRequest(admin.registry, pack(), operation, contexts[api] as PackContext), async (testCase) => {
          fc.pre(testCase.valid);
          ran++;
          const response = await send(pack(), testCase);
          checkAnswer(pack(), operation, testCase, response);
          const entry = admin.journal.entries().at(-1);
          expect(entry?.violations ?? [], `${operation.id}: a schema-valid request was refused: ${JSON.stringify(entry?.violations)}`).toEqual([]);
          if (response.status < 300) succeeded++;
        }),
        { numRuns: VALID_RUNS, seed: 20261123, maxSkipsPerRun: 20 },
      );
      tally.push(`  ${api} ${operation.id}: ${ran} valid (${succeeded} 2xx)`);
      expect(succeeded, `${operation.id}: no schema-valid request succeeded`).toBeGreaterThan(0);
    }
  });

  it('never breaks on mutated requests', async () => {
    for (const operation of pack().operations) {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(mutatedRequest(admin.registry, pack(), operation, contexts[api] ?? EMPTY_CONTEXT), async (testCase) => {
          const response = await send(pack(), testCase);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          checkAnswer(pack(), operation, testCase, response);
        }),
        { numRuns: MUTATED_RUNS, seed: 20261123 },
      );
      const ran = [...statuses.values()].reduce((a, b) => a + b, 0);
      tally.push(
        `  ${api} ${operation.id}: ${ran} mutated (${[...statuses]
          .sort((a, b) => a[0] - b[0])
          .map(([status, n]) => `${status} x${n}`)
          .join(', ')})`,
      );
    }
  });
});
