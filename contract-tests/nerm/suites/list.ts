import type { ContractSuite } from '../../../src/contract/types.ts';
import { keysOf, ok, same } from '../../support/suite-kit.ts';
import { all, auth, examples, followNext, isNermError, linkQuery, list, sessionIds, type Session } from '../calls.ts';

// Listing NERM workflow sessions: the flat and deepObject query forms, order, filters, and the `_metadata` links.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const time = (value: string | undefined) => Date.parse(value ?? '');

export const listSuites: ContractSuite[] = [
  {
    api: 'nerm',
    name: 'list workflow sessions: forms, order and filters',
    writes: false,
    async run(ctx) {
      const everything = await all(ctx);
      const plain = await list(ctx);
      ok(
        ctx,
        plain.workflow_sessions.length === Math.min(100, everything.length) && !('_metadata' in plain),
        'a plain list is a page of 100 without _metadata',
      );
      same(ctx, sessionIds(everything), [...sessionIds(everything)].sort(), 'sessions are ordered by id by default, the documented default');
      const deep = await list(ctx, [
        ['query[limit]', '7'],
        ['query[offset]', '20'],
        ['query[order]', '-created_at'],
      ]);
      same(ctx, deep.workflow_sessions.length, Math.min(7, Math.max(0, everything.length - 20)), 'the deepObject query[limit] form limits the page');
      same(ctx, deep, await list(ctx, { limit: 7, offset: 20, order: '-created_at' }), 'the deepObject and flat forms read alike');
      same(
        ctx,
        (
          await list(ctx, [
            ['limit', '3'],
            ['query[limit]', '9'],
          ])
        ).workflow_sessions.length,
        3,
        'the flat form wins when both are sent',
      );
      const orders: [string, (a: Session, b: Session) => number, (s: Session) => string | undefined][] = [
        ['-created_at', (a, b) => time(b.created_at) - time(a.created_at), (s) => s.created_at],
        ['created_at desc', (a, b) => time(b.created_at) - time(a.created_at), (s) => s.created_at],
        ['updated_at', (a, b) => time(a.updated_at) - time(b.updated_at), (s) => s.updated_at],
        ['workflow_id', (a, b) => a.workflow_id.localeCompare(b.workflow_id), (s) => s.workflow_id],
      ];
      for (const [order, compare, key] of orders) {
        const sessions = (await all(ctx, { order })).filter((s) => s.created_at !== undefined);
        same(ctx, sessions.map(key), [...sessions].sort(compare).map(key), `order=${order} sorts by it`);
      }
      const byTwo = await all(ctx, { order: 'status,-created_at' });
      const sortedByTwo = byTwo.every((b, i) => {
        const a = byTwo[i - 1];
        return !a || a.status < b.status || (a.status === b.status && (!a.created_at || !b.created_at || time(a.created_at) >= time(b.created_at)));
      });
      ok(ctx, sortedByTwo, 'order=status,-created_at sorts by several keys');
      for (const order of ['attributes', 'job_title', 'nope', '-id desc', 'id;1', 'x'.repeat(5000)]) {
        same(
          ctx,
          sessionIds((await list(ctx, { order, limit: 1000 })).workflow_sessions),
          sessionIds(everything),
          `order=${order.slice(0, 20)}, which it cannot sort by, keeps the id order`,
        );
      }
      same(
        ctx,
        await list(ctx, { order: 'nope,-created_at,attributes', limit: 1000 }),
        await list(ctx, { order: '-created_at', limit: 1000 }),
        'order sorts by the keys it can read and skips the others',
      );
      ok(
        ctx,
        everything.every((s) => !('profile_id' in s) || (typeof s.profile_id === 'string' && UUID.test(s.profile_id))),
        'profile_id is never null, and a uuid where it is given',
      );
      for (const field of ['workflow_id', 'requester_id', 'profile_id', 'uid'] as const) {
        const value = everything.find((s) => s[field] !== undefined)?.[field];
        if (value === undefined) continue;
        const filtered = await all(ctx, { [field]: value });
        ok(ctx, filtered.length > 0, `${field}=${value} finds its sessions`);
        same(ctx, sessionIds(filtered), sessionIds(everything.filter((s) => s[field] === value)), `${field} narrows to exactly the matching sessions`);
      }
      for (const uid of ['some_workflow_session_123', 'a', 'a'.repeat(31), 'naïve uid with spaces']) {
        const body = await list(ctx, { uid, metadata: 'true' });
        ok(
          ctx,
          body.workflow_sessions.length === 0 && body._metadata?.total === 0,
          `uid=${uid} is any string, as the document says, and matches exactly`,
          body._metadata,
        );
      }
      const generated = everything.find((s) => s.uid.length === 32);
      if (generated) same(ctx, sessionIds(await all(ctx, { uid: generated.uid })), [generated.id], 'a 32-character uid finds its session');
      const statuses: [string, string][] = [
        ['pending approval', 'pending_approval'],
        ['completed', 'completed'],
        ['waiting on workflow', 'waiting_on_workflow'],
      ];
      for (const [filter, wire] of statuses) {
        const filtered = await all(ctx, { status: filter });
        ok(ctx, filtered.length > 0, `status=${filter} finds sessions`);
        same(ctx, sessionIds(filtered), sessionIds(everything.filter((s) => s.status === wire)), `the status filter ${JSON.stringify(filter)} answers ${wire}`);
      }
      same(ctx, await all(ctx, { status: 'closing' }), [], 'a documented status no session carries lists nothing');
      const refused: [string, string][] = [
        ['status', 'pending_approval'],
        ['status', 'finished'],
        ['profile_id', 'not-a-uuid'],
        ['limit', '0'],
        ['limit', '2147483648'],
        ['limit', 'many'],
        ['offset', '-5'],
        ['metadata', 'sometimes'],
      ];
      for (const [name, value] of refused) {
        const res = await ctx.call('listWorkflowSessions', { query: { [name]: value }, headers: auth(ctx) }, { status: 400 });
        isNermError(ctx, res, new RegExp(name), `${name}=${value} is refused`);
        same(ctx, keysOf((res.body as { errors?: object } | undefined)?.errors), [name], `${name}=${value} is refused with an error for that field alone`);
      }
      for (const limit of [1001, 5000, 2147483647]) {
        const body = await list(ctx, { limit, metadata: 'true' });
        same(ctx, sessionIds(body.workflow_sessions), sessionIds(everything), `limit=${limit}, above the old cap, serves every session on one page`);
        same(ctx, body._metadata, { limit, offset: 0, total: everything.length }, `limit=${limit} reports one page`);
      }
      same(
        ctx,
        sessionIds(
          (
            await list(ctx, [
              ['offset', '0'],
              ['limit', '100'],
            ])
          ).workflow_sessions,
        ),
        sessionIds(everything.slice(0, 100)),
        "offset=0&limit=100, the page SecZetta's NEPAPIUtil.rb asks for first",
      );
      const sample = everything.find((s) => s.status === 'completed');
      if (sample) {
        same(
          ctx,
          sessionIds(await all(ctx, { status: 'completed', workflow_id: sample.workflow_id })),
          sessionIds(everything.filter((s) => s.status === 'completed' && s.workflow_id === sample.workflow_id)),
          'filters combine',
        );
      }
      const shaped = await list(ctx, { limit: 50, offset: 100, metadata: 'true' });
      same(ctx, Object.keys(shaped), Object.keys(examples.list), "a page keeps the example list's envelope shape");
      same(ctx, Object.keys(shaped._metadata ?? {}), Object.keys(examples.list._metadata), "and its _metadata's");
      await ctx.call('getWorkflowSession', { params: { id: everything[0]?.id ?? '' }, headers: auth(ctx) }, { status: 200 });
    },
  },
  {
    api: 'nerm',
    name: 'read and follow _metadata links',
    writes: false,
    async run(ctx) {
      const everything = await all(ctx);
      for (const limit of [1, 10, 25, 99, 1000]) {
        const pages = await followNext(ctx, { limit });
        same(
          ctx,
          sessionIds(pages.flatMap((p) => p.workflow_sessions)),
          sessionIds(everything),
          `following next with limit ${limit} visits every session once`,
        );
        ok(ctx, !('previous' in (pages[0]?._metadata ?? {})), `with limit ${limit} the first page has no previous`);
        ok(ctx, !('next' in (pages.at(-1)?._metadata ?? {})), `with limit ${limit} the last page has no next`);
        ok(
          ctx,
          pages.every((p) => p._metadata?.total === everything.length),
          `with limit ${limit} _metadata.total counts every session`,
        );
      }
      const first = await list(ctx, { limit: 10, metadata: 'true' });
      same(ctx, keysOf(first._metadata), ['limit', 'next', 'offset', 'total'], 'the first page leaves previous out instead of sending null');
      const last = await list(ctx, { limit: 10, offset: everything.length - 5, metadata: 'true' });
      same(ctx, keysOf(last._metadata), ['limit', 'offset', 'previous', 'total'], 'the last page leaves next out instead of sending null');
      same(
        ctx,
        (await list(ctx, { limit: 1000000, metadata: 'true' }))._metadata,
        { limit: 1000000, offset: 0, total: everything.length },
        'a single page has neither next nor previous',
      );
      const beyond = await list(ctx, { limit: 10, offset: everything.length + 50, metadata: 'true' });
      ok(
        ctx,
        beyond.workflow_sessions.length === 0 && /offset=\d+/.test(beyond._metadata?.previous ?? '') && !('next' in (beyond._metadata ?? {})),
        'a page past the end is empty, with a previous link and no next',
        beyond._metadata,
      );
      const middle = await list(ctx, { limit: 10, offset: 30, metadata: 'true' });
      same(
        ctx,
        [middle._metadata?.limit, middle._metadata?.offset, middle._metadata?.total],
        [10, 30, everything.length],
        '_metadata reports the limit and offset in use and the total',
      );
      ok(
        ctx,
        /offset=40/.test(middle._metadata?.next ?? '') && /offset=20/.test(middle._metadata?.previous ?? ''),
        'next and previous step by the limit',
        middle._metadata,
      );
      ok(
        ctx,
        /^(https?:\/\/[^/]+)?\/([^?]*\/)?api\/workflow_sessions\?/.test(middle._metadata?.next ?? ''),
        'links point at the list itself',
        middle._metadata?.next,
      );
      const pages = await followNext(ctx, { status: 'completed', order: '-created_at', limit: 20 });
      const completed = pages.flatMap((p) => p.workflow_sessions);
      ok(
        ctx,
        completed.every((s) => s.status === 'completed'),
        'a filtered traversal shows only what matches',
      );
      same(ctx, completed.length, everything.filter((s) => s.status === 'completed').length, 'and everything that matches');
      const second = pages[1]?._metadata;
      if (second) {
        ok(ctx, /status=completed/.test(second.next ?? '') && /order=-created_at/.test(second.next ?? ''), 'links keep the filters and the order', second);
        same(ctx, await list(ctx, linkQuery(second.previous ?? '')), pages[0], 'a previous link walks back to the page before');
      }
      const deep = await list(ctx, [
        ['query[limit]', '3'],
        ['query[offset]', '0'],
      ]);
      ok(ctx, deep.workflow_sessions.length <= 3, 'the deepObject query[limit] form limits the page');
      const pending = await followNext(ctx, { limit: 50, status: 'pending approval' });
      ok(
        ctx,
        pending.flatMap((p) => p.workflow_sessions).every((s) => s.status === 'pending_approval'),
        'the spaced status filter returns snake_case statuses',
      );
      await ctx.call('getWorkflowSession', { params: { id: '00000000-0000-4000-8000-000000000000' }, headers: auth(ctx) }, { status: 404 });
      await ctx.call('listWorkflowSessions', { query: { limit: 0 }, headers: auth(ctx) }, { status: 400 });
      await ctx.call('listWorkflowSessions', {}, { status: 401 });
    },
  },
];
