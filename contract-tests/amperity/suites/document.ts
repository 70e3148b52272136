import type { JsonObject } from '../../../src/core/json.ts';
import type { ContractSuite } from '../../../src/contract/types.ts';
import { ok, same } from '../../support/suite-kit.ts';
import { get, headersFor, isAmperityError, listPage, nullsIn, start, stop, traverse } from '../calls.ts';

// What Amperity's own OpenAPI document (control-plane-2024-04-01) and reference pages say the API accepts and answers
// (issue 15): no property is nullable, task instances carry their tenant, any integer limit and any state string are
// valid requests, and the pages' example requests work.

export const documentReads: ContractSuite[] = [
  {
    api: 'amperity',
    name: 'answers as the vendor document allows',
    writes: false,
    async run(ctx) {
      const { runs, pages } = await traverse(ctx, { limit: 50 });
      same(
        ctx,
        pages.flatMap((page) => nullsIn(page)),
        [],
        'no list page holds a null anywhere',
      );
      const nulls: string[] = [];
      let foreignTasks = 0;
      for (const run of runs) {
        nulls.push(...nullsIn(await get(ctx, run.id)).map((at) => `${run.id} overview ${at}`));
        const verbose = await get(ctx, run.id, 'verbose');
        nulls.push(...nullsIn(verbose).map((at) => `${run.id} verbose ${at}`));
        foreignTasks += (verbose?.task_instances ?? []).filter((task) => task.tenant !== run.tenant).length;
      }
      same(ctx, nulls, [], 'no run holds a null in its overview or its verbose view');
      same(ctx, foreignTasks, 0, "every task instance carries its run's tenant");
      for (const state of ['In progress', 'in progress', 'IN PROGRESS']) {
        const expected = (await traverse(ctx, { state: 'in progress', limit: 1000 })).runs;
        ok(ctx, expected.length > 0, 'some runs are in progress');
        same(ctx, (await traverse(ctx, { state, limit: 1000 })).runs, expected, `state=${state} filters like in progress`);
      }
      for (const state of ['Succeeded', 'Started', 'Running with failures']) {
        const found = (await traverse(ctx, { state, limit: 1000 })).runs;
        ok(ctx, found.length > 0 && found.every((run) => run.state === state.toLowerCase()), `the document's capitalised state ${state} matches`);
      }
      same(ctx, (await listPage(ctx, { state: 'done', with_total: 'true' })).total, 0, 'a state that is none is an empty page, not a 400');
      const total = runs.length;
      for (const [limit, size] of [
        [0, 1],
        [-5, 1],
        [1, 1],
        [3, 3],
        [1000, Math.min(1000, total)],
        [1001, Math.min(1000, total)],
        [2 ** 40, Math.min(1000, total)],
      ] as const) {
        const page = await listPage(ctx, { limit });
        ok(ctx, page.data.length === size && 'next_token' in page === size < total, `limit=${limit} is held within 1..1000`, {
          size: page.data.length,
          next: page.next_token,
        });
      }
      same(ctx, await listPage(ctx, { limit: 2, next_token: '' }), await listPage(ctx, { limit: 2 }), 'an empty next_token reads as the first page');
      const reference = await listPage(ctx, { limit: 12, with_total: 'true' });
      ok(ctx, reference.data.length === Math.min(12, total) && reference.total === total, "the reference page's list request: limit=12&with_total=true");
      const documented = await listPage(ctx, {
        type: 'courier.group/run',
        state: 'succeeded',
        created_from: '2026-04-01T00:00:00Z',
        created_to: '2026-04-30T00:00:00Z',
      });
      ok(ctx, Array.isArray(documented.data), "the document's own example filter values are accepted");
    },
  },
];

export const documentWrites: ContractSuite[] = [
  {
    api: 'amperity',
    name: "accepts the vendor document's requests",
    writes: true,
    async run(ctx) {
      const run = await start(ctx);
      const stopped = await stop(ctx, run?.id ?? '');
      same(ctx, [...nullsIn(run), ...nullsIn(stopped.body)], [], 'a run started and stopped holds no null');
      const bodies: JsonObject[] = [
        { config_id: 'cc-123ABc4DE' },
        { config_id: 'og-123ABc4DE' },
        // The pages print range_from/range_to as YYYY-MM-DD placeholders: a partial date is what they stand for.
        { config_id: 'cg-123ABc4DE', range_from: '2026-10-01', range_to: '2026-10-07', run_mode: 'full' },
        { config_id: 'cg-2efo5X8vo', range_from: '2026-10-01', range_to: '2026-10-07', run_mode: 'source' },
        { config_id: 'cg-123ABc4DE', range_from: '2026-10-01T00:00:00Z', range_to: '2026-10-07T00:00:00Z', run_mode: 'full' },
      ];
      for (const body of bodies)
        same(ctx, (await start(ctx, body))?.state, 'scheduled', `the reference pages' example body ${JSON.stringify(body)} starts a run`);
      for (const body of [
        '{"config_id":"cc-123ABc4DE"}',
        '{"config_id":"og-123ABc4DE"}',
        '{"config_id":"cg-123ABc4DE", "range_from":"2026-10-01", "range_to":"2026-10-07", "run_mode":"full"}',
      ]) {
        // As curl sends the start page's example: JSON labelled a form.
        await ctx.call('startWorkflowRun', { body, contentType: 'application/x-www-form-urlencoded', headers: headersFor(ctx) }, { status: 201 });
      }
      const form = await ctx.call(
        'startWorkflowRun',
        { body: 'config_id=cc-1', contentType: 'application/x-www-form-urlencoded', headers: headersFor(ctx) },
        { status: 400 },
      );
      isAmperityError(ctx, form, 'The request body is not valid JSON.', 'a real form body');
      const text = await ctx.call('startWorkflowRun', { body: '{"config_id":"cc-1"}', contentType: 'text/plain', headers: headersFor(ctx) }, { status: 415 });
      isAmperityError(ctx, text, undefined, 'another content type');
    },
  },
];
