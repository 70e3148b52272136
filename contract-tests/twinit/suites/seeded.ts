import type { ContractSuite } from '../../../src/contract/types.ts';
import { ok, same } from '../../support/suite-kit.ts';
import { auth, EXAMPLE, everyRun, examples, get, isTwinitError, ns, runIds, runOf, secondNs, setStatus, type Def, type Page } from '../calls.ts';

// What the mock's seed holds (the document's example run, runs in every state and of every kind), read as a client
// would, and the document's own status request applied to its run.

export const seededReads: ContractSuite[] = [
  {
    api: 'twinit',
    name: "the seed: the document's run and runs of every kind",
    writes: false,
    seeded: true,
    async run(ctx) {
      const everything = await everyRun(ctx);
      ok(
        ctx,
        everything.some((run) => JSON.stringify(run) === JSON.stringify(EXAMPLE)),
        "the list holds the seed document's run verbatim",
      );
      ok(ctx, everything.length >= 101, 'and at least 100 more in its namespace', everything.length);
      same(ctx, await get(ctx, EXAMPLE._id), EXAMPLE, 'the documented run reads verbatim');
      ok(ctx, new Set(everything.map((r) => r._workflowDefId)).size >= 5, 'runs come from at least five definitions');
      ok(ctx, new Set(everything.flatMap((r) => r._tasks.map((t) => t._type))).size >= 8, 'and at least eight task types');
      same(ctx, new Set(everything.map((r) => r._status)).size, 7, 'and every status');
      ok(ctx, !runIds(await everyRun(ctx, { nsfilter: secondNs(ctx) })).includes(EXAMPLE._id), 'the documented run is not in the second namespace');
      ok(ctx, runIds(await everyRun(ctx, { _name: 'CONNECTOR_work' })).includes(EXAMPLE._id), 'a partial _name finds it');
      ok(ctx, runIds(await everyRun(ctx, { startDate: '2026-02-01', enddate: '2026-02-29' })).includes(EXAMPLE._id), 'a February window finds it');
      const hidden = await ctx.call('getWorkflow', { params: { id: EXAMPLE._id }, query: { nsfilter: secondNs(ctx) }, headers: auth(ctx) }, { status: 404 });
      isTwinitError(ctx, hidden, 'NOT_FOUND', `Workflow ${EXAMPLE._id} not found`, 'the documented run through another namespace');
      const defs = async (query: Record<string, string>) =>
        ((await ctx.call('listWorkflowDefs', { query: { nsfilter: ns(ctx), ...query }, headers: auth(ctx) }, { status: 200 })).body as Page<Def> | undefined)
          ?._list ?? [];
      same(
        ctx,
        (await defs({ _name: 'REST_conn' })).map((d) => d._name),
        ['rest_connector_workflow'],
        'definitions filter by _name partially and case-insensitively',
      );
      const byType = await defs({ _userType: 'iaq_realtime_setup', sort: '{"_name":-1}' });
      ok(ctx, byType.length >= 2 && byType.every((d) => d._userType === 'iaq_realtime_setup'), 'and by _userType exactly');
      same(
        ctx,
        byType.map((d) => d._name),
        [...byType.map((d) => d._name)].sort().reverse(),
        'and sort by JSON',
      );
    },
  },
];

export const seededWrites: ContractSuite[] = [
  {
    api: 'twinit',
    name: "the seed: the document's status request on its run",
    writes: true,
    seeded: true,
    async run(ctx) {
      const res = await setStatus(ctx, EXAMPLE._id, examples.statusRequest._status);
      const { _updatedAt, _updatedBy, ...rest } = runOf(res) ?? EXAMPLE;
      const { _updatedAt: _a, _updatedBy: _b, ...documented } = examples.statusResponse;
      same(ctx, rest, documented, "the seed's status request answers the seed's response");
      ok(ctx, Date.parse(_updatedAt) > Date.parse(EXAMPLE._updatedAt), 'with _updatedAt moved on', _updatedAt);
    },
  },
];
