import type { ContractSuite } from '../../../src/contract/types.ts';
import { ok, same } from '../../support/suite-kit.ts';
import { auth, definitionId, everyRun, examples, isTwinitError, ns, page, runIds, secondNs, type Run } from '../calls.ts';

// Listing Twinit workflow runs: offset paging, namespaces, filters, JSON sort, date windows, refusals.

const created = (run: Run) => Date.parse(run._createdAt);
const STATUSES = ['QUEUED', 'RUNNING', 'PAUSED', 'COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED'];

export const listSuites: ContractSuite[] = [
  {
    api: 'twinit',
    name: 'read and page',
    writes: false,
    async run(ctx) {
      const everything = await everyRun(ctx, {}, 25);
      ctx.check(new Set(runIds(everything)).size === everything.length, 'offset paging returns no run twice');
      ok(
        ctx,
        everything.every((run) => run._namespaces.includes(ns(ctx))),
        'every run listed is in the nsfilter namespace',
      );
      const first = await page(ctx, {});
      ok(
        ctx,
        first._offset === 0 && first._pageSize === 10 && first._total === everything.length && first._list.length === Math.min(10, everything.length),
        'pages 10 at a time by default, reporting offset, page size and total',
        {
          ...first,
          _list: first._list.length,
        },
      );
      const alias = await page(ctx, { _pagesize: 3 });
      ok(ctx, alias._pageSize === 3 && alias._list.length === Math.min(3, everything.length), "the table's _pagesize spelling is read too", {
        pageSize: alias._pageSize,
      });
      const documented = await page(ctx, [...new URLSearchParams(examples.listRequestQuery.replace('{{nsfilter}}', ns(ctx)))]);
      ok(
        ctx,
        JSON.stringify(Object.keys(documented)) === JSON.stringify(Object.keys(examples.listResponse)) && documented._pageSize === 10,
        "the seed's list request works verbatim",
      );
      same(
        ctx,
        everything.map(created),
        [...everything].map(created).sort((a, b) => b - a),
        'runs are listed newest first by default',
      );
      same(ctx, runIds(await everyRun(ctx, {}, 13)), runIds(everything), 'pages of 13 concatenate to the same list');
      const second = await everyRun(ctx, { nsfilter: secondNs(ctx) });
      ok(ctx, second.length > 0 && second.every((run) => run._namespaces.includes(secondNs(ctx))), 'another nsfilter shows only the runs of its namespace');
      same(
        ctx,
        (await everyRun(ctx, { nsfilter: `${ns(ctx)},${secondNs(ctx)}` })).length,
        new Set(runIds([...everything, ...second])).size,
        'two namespaces in nsfilter show the runs of either',
      );
      same(ctx, (await page(ctx, { nsfilter: 'somebody_else' }))._total, 0, 'a namespace with no runs shows none');
      isTwinitError(
        ctx,
        await ctx.call('listWorkflows', { headers: auth(ctx) }, { status: 400 }),
        'INVALID_INPUT',
        'nsfilter is required',
        'a list without nsfilter',
      );
      const named = await everyRun(ctx, { _name: 'CONNECTOR_work' });
      same(
        ctx,
        runIds(named),
        runIds(everything.filter((run) => run._name.toLowerCase().includes('connector_work'))),
        '_name searches partially and case-insensitively',
      );
      const prefix = definitionId(ctx).slice(0, 8);
      const byDef = await everyRun(ctx, { _defId: prefix });
      ok(ctx, byDef.length > 0 && byDef.every((run) => run._workflowDefId.startsWith(prefix)), '_defId searches partially');
      for (const status of STATUSES)
        same(ctx, runIds(await everyRun(ctx, { _status: status })), runIds(everything.filter((run) => run._status === status)), `_status=${status} filters`);
      const sort = JSON.stringify({ _name: 1, _createdAt: -1 });
      const sorted = await everyRun(ctx, { sort });
      const expected = [...everything].sort((a, b) => a._name.localeCompare(b._name, 'en', { sensitivity: 'variant' }) || created(b) - created(a));
      same(
        ctx,
        sorted.map((run) => [run._name, run._createdAt]),
        expected.map((run) => [run._name, run._createdAt]),
        'sort takes two keys',
      );
      same(ctx, await everyRun(ctx, { sort }, 7), sorted, 'and is stable across page sizes');
      const oldest = (await everyRun(ctx, { sort: JSON.stringify({ _createdAt: 1 }) })).map(created);
      same(
        ctx,
        oldest,
        [...oldest].sort((a, b) => a - b),
        'sort={"_createdAt":1} orders oldest first',
      );
      const byUpdate = (await everyRun(ctx, { sort: '{"_updatedAt":-1,"_name":1}' })).map((run) => Date.parse(run._updatedAt));
      same(
        ctx,
        byUpdate,
        [...byUpdate].sort((a, b) => b - a),
        "sorts by the seed's own example: _updatedAt descending then _name",
      );
      for (const bad of ['{"_name":', '{"_name":"up"}', '{"_nope":1}', '[]', 'name']) {
        const res = await ctx.call('listWorkflows', { query: { nsfilter: ns(ctx), sort: bad }, headers: auth(ctx) }, { status: 400 });
        isTwinitError(ctx, res, 'INVALID_INPUT', /sort/, `sort=${bad}`);
      }
      const pivot = everything[Math.floor(everything.length / 2)];
      if (pivot) {
        const day = pivot._createdAt.slice(0, 10);
        const onDay = await everyRun(ctx, { startDate: day, endDate: day });
        ok(
          ctx,
          runIds(onDay).includes(pivot._id) && onDay.every((run) => run._createdAt.startsWith(day)),
          'startDate and endDate of one day hold that whole day',
        );
        same(ctx, runIds(onDay), runIds(everything.filter((run) => run._createdAt.startsWith(day))), 'and exactly it');
      }
      const instant = everything[Math.min(20, everything.length - 1)];
      if (instant) {
        const at = (ms: number) => new Date(created(instant) + ms).toISOString();
        ok(ctx, runIds(await everyRun(ctx, { startDate: at(0) })).includes(instant._id), 'a date-time startDate includes its instant');
        ok(ctx, runIds(await everyRun(ctx, { endDate: at(0) })).includes(instant._id), 'a date-time endDate includes its instant');
        ok(ctx, !runIds(await everyRun(ctx, { startDate: at(1) })).includes(instant._id), 'startDate a millisecond later leaves it out');
        ok(ctx, !runIds(await everyRun(ctx, { endDate: at(-1) })).includes(instant._id), 'endDate a millisecond earlier leaves it out');
      }
      same(
        ctx,
        runIds(await everyRun(ctx, { startDate: '2026-02-01', enddate: '2026-02-29' })),
        runIds(everything.filter((run) => run._createdAt >= '2026-02-01' && run._createdAt < '2026-03-01')),
        "the table's enddate spelling works, and a day past the month's end is its last day",
      );
      const refused: [string, string][] = [
        ['startDate', 'yesterday'],
        ['endDate', '02/01/2026'],
        ['_pageSize', '0'],
        ['_offset', '-1'],
        ['_status', 'DONE'],
      ];
      for (const [name, value] of refused) {
        const res = await ctx.call('listWorkflows', { query: { nsfilter: ns(ctx), [name]: value }, headers: auth(ctx) }, { status: 400 });
        isTwinitError(ctx, res, 'INVALID_INPUT', new RegExp(name), `${name}=${value}`);
      }
      await ctx.call('listWorkflowDefs', { query: { nsfilter: ns(ctx) }, headers: auth(ctx) }, { status: 200 });
    },
  },
];
