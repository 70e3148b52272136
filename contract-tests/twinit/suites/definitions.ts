import type { ContractSuite } from '../../../src/contract/types.ts';
import { like, ok, same } from '../../support/suite-kit.ts';
import { auth, createDef, definitionId, isTwinitError, ns, secondNs, start, type Def, type Page } from '../calls.ts';

// Twinit workflow definitions: the list through nsfilter, create and update (runs already started keep their tasks).

const input = {
  _name: 'Door sensor sweep',
  _userType: 'facilities',
  _tasks: [
    { _name: 'read_sensors', _type: 'HAYSTACK' },
    { _name: 'publish', _type: 'MQTT_PUBLISH' },
  ],
};

export const definitionSuites: ContractSuite[] = [
  {
    api: 'twinit',
    name: 'list definitions through nsfilter',
    writes: false,
    async run(ctx) {
      const list = async (namespace: string) =>
        (
          (await ctx.call('listWorkflowDefs', { query: { nsfilter: namespace, _pageSize: 100 }, headers: auth(ctx) }, { status: 200 })).body as
            | Page<Def>
            | undefined
        )?._list ?? [];
      const defs = await list(ns(ctx));
      ok(
        ctx,
        defs.some((d) => d._id === definitionId(ctx)),
        "the definitions visible through nsfilter include the documents' run's",
      );
      ok(
        ctx,
        defs.every((d) => d._namespaces.includes(ns(ctx))),
        'and only those of its namespace',
      );
      ok(ctx, !(await list(secondNs(ctx))).some((d) => d._id === definitionId(ctx)), 'another namespace does not see it');
      isTwinitError(
        ctx,
        await ctx.call('getWorkflowDef', { params: { id: 'nope' }, query: { nsfilter: ns(ctx) }, headers: auth(ctx) }, { status: 404 }),
        'NOT_FOUND',
        'Workflow definition nope not found',
        'an unknown definition',
      );
      const invisible = await ctx.call(
        'getWorkflowDef',
        { params: { id: definitionId(ctx) }, query: { nsfilter: secondNs(ctx) }, headers: auth(ctx) },
        { status: 404 },
      );
      isTwinitError(ctx, invisible, 'NOT_FOUND', undefined, 'a definition the nsfilter does not see');
    },
  },
  {
    api: 'twinit',
    name: 'create and update definitions',
    writes: true,
    async run(ctx) {
      const created = await createDef(ctx, input);
      if (!created) return;
      like(
        ctx,
        created,
        {
          _name: input._name,
          _namespaces: [ns(ctx)],
          _tasks: [
            { _name: 'read_sensors', _sequenceno: 1, _type: 'HAYSTACK' },
            { _name: 'publish', _sequenceno: 2, _type: 'MQTT_PUBLISH' },
          ],
        },
        "a definition is created in the nsfilter's namespace, its tasks numbered",
      );
      same(
        ctx,
        (await start(ctx, created._id))?._tasks.map((t) => t._type),
        ['HAYSTACK', 'MQTT_PUBLISH'],
        'runs start from it with its tasks',
      );
      same(
        ctx,
        (await ctx.call('getWorkflowDef', { params: { id: created._id }, query: { nsfilter: ns(ctx) }, headers: auth(ctx) }, { status: 200 })).body,
        created,
        'it reads as it was created',
      );
      const rest = await createDef(ctx, { _name: 'Rest pull', _tasks: [{ _name: 'REST_CONNECTOR', _type: 'REST_CONNECTOR' }] });
      const before = await start(ctx, rest?._id);
      const updated = await ctx.call(
        'updateWorkflowDef',
        { params: { id: rest?._id ?? '' }, query: { nsfilter: ns(ctx) }, body: input, headers: auth(ctx) },
        { status: 200 },
      );
      const def = updated.body as Def | undefined;
      ok(
        ctx,
        def?._id === rest?._id && Date.parse(def?._updatedAt ?? '') > Date.parse(def?._createdAt ?? ''),
        'an update keeps the id and moves _updatedAt',
        def,
      );
      same(
        ctx,
        (await start(ctx, rest?._id))?._tasks.map((t) => t._type),
        ['HAYSTACK', 'MQTT_PUBLISH'],
        'runs started after an update take the new tasks',
      );
      same(
        ctx,
        before?._tasks.map((t) => t._type),
        ['REST_CONNECTOR'],
        'runs started before keep theirs',
      );
      const empty = await ctx.call(
        'createWorkflowDef',
        { query: { nsfilter: ns(ctx) }, body: { _name: 'x', _tasks: [] }, headers: auth(ctx) },
        { status: 400 },
      );
      isTwinitError(ctx, empty, 'INVALID_INPUT', /_tasks/, 'a definition without tasks');
      const email = await ctx.call(
        'createWorkflowDef',
        { query: { nsfilter: ns(ctx) }, body: { _name: 'x', _tasks: [{ _name: 'a', _type: 'EMAIL' }] }, headers: auth(ctx) },
        { status: 400 },
      );
      isTwinitError(ctx, email, 'INVALID_INPUT', /_type/, 'an unknown task type');
      isTwinitError(
        ctx,
        await ctx.call('updateWorkflowDef', { params: { id: 'nope' }, query: { nsfilter: ns(ctx) }, body: input, headers: auth(ctx) }, { status: 404 }),
        'NOT_FOUND',
        undefined,
        'an update of an unknown definition',
      );
    },
  },
];
