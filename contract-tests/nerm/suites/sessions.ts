import type { ContractSuite } from '../../../src/contract/types.ts';
import { like, ok, pause, same } from '../../support/suite-kit.ts';
import { all, auth, create, examples, isNermError, list, newSession, patch, sessionIds, sessionOf } from '../calls.ts';

// Creating, reading and updating NERM workflow sessions: bodies, validation, and every status move PATCH allows.

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

export const sessionSuites: ContractSuite[] = [
  {
    api: 'nerm',
    name: 'create and get a session',
    writes: true,
    async run(ctx) {
      const before = (await list(ctx, { limit: 1, metadata: 'true' }))._metadata?.total ?? 0;
      const session = await create(ctx);
      if (!session) return;
      like(ctx, session, { ...newSession, status: 'new', profile_ids: [] }, 'a created session is new, with what was sent');
      ok(
        ctx,
        !('profile_id' in session) && /^[0-9a-f]{32}$/.test(session.uid) && session.created_at === session.updated_at,
        'it has no profile_id, a 32-character uid, and was updated when created',
        session,
      );
      for (let i = 0; i < 2; i++) await create(ctx);
      same(
        ctx,
        (await list(ctx, { limit: 1, metadata: 'true' }))._metadata?.total,
        before + 3,
        'the total read with limit=1&metadata=true counts what was created',
      );
      ok(ctx, sessionIds(await all(ctx, { requester_id: newSession.requester_id })).includes(session.id), 'it is listed under its requester');
      same(
        ctx,
        (await ctx.call('getWorkflowSession', { params: { id: session.id }, headers: auth(ctx) }, { status: 200 })).body,
        { workflow_session: session },
        'it reads as it was created',
      );
      same(ctx, (await create(ctx, newSession, { run: 'true' }))?.status, 'processing', 'run=true starts a session at once');
      const registrant = await create(ctx, { ...newSession, requester_type: 'NeaccessRegistrant' });
      ok(
        ctx,
        registrant !== undefined && !('requester_type' in registrant),
        'requester_type NeaccessRegistrant is accepted, and left out of the answer as the response enum lacks it',
        registrant,
      );
      same(
        ctx,
        sessionOf(await patch(ctx, registrant?.id ?? '', { requester_type: 'User' }))?.requester_type,
        'User',
        'an update can set a requester_type the answer shows',
      );
      const profileId = '33f072dd-13b4-41e1-8ea0-16f2a59b57c8';
      same(ctx, (await create(ctx, { ...newSession, profile_id: profileId }))?.profile_id, profileId, 'a given profile_id is kept');
      const ignored = await create(ctx, { ...newSession, status: 'completed', uid: 'mine', id: 'other', colour: 'teal' });
      ok(
        ctx,
        ignored?.status === 'new' && /^[0-9a-f]{32}$/.test(ignored.uid) && !('colour' in ignored),
        'fields the document does not name are accepted and ignored',
        ignored,
      );
      await ctx.call('createWorkflowSession', { body: { workflow_session: newSession, extra: { deep: [1] } }, headers: auth(ctx) }, { status: 200 });
      const { workflow_id: _w, ...withoutWorkflow } = newSession;
      const missing = await ctx.call('createWorkflowSession', { body: { workflow_session: withoutWorkflow }, headers: auth(ctx) }, { status: 400 });
      isNermError(ctx, missing, examples.vendorFacts.validation.error, 'a missing workflow_id', examples.vendorFacts.validation.errors);
      const empty = await ctx.call('createWorkflowSession', { body: { workflow_session: {} }, headers: auth(ctx) }, { status: 400 });
      isNermError(ctx, empty, 'The workflow session failed to create', 'every missing field', {
        workflow_id: ["can't be blank"],
        requester_id: ["can't be blank"],
        requester_type: ["can't be blank"],
      });
      const unwrapped = await ctx.call('createWorkflowSession', { body: newSession, headers: auth(ctx) }, { status: 400 });
      isNermError(ctx, unwrapped, 'The workflow session failed to create', 'an unwrapped body', { workflow_session: ["can't be blank"] });
      const invalid = await ctx.call(
        'createWorkflowSession',
        { body: { workflow_session: { ...newSession, requester_type: 'Robot', workflow_id: 'abc' } }, headers: auth(ctx) },
        { status: 400 },
      );
      isNermError(ctx, invalid, 'The workflow session failed to create', 'a requester_type outside the list and an id that is not a uuid', {
        requester_type: ['is not included in the list'],
        workflow_id: ['is invalid'],
      });
      const broken = await ctx.call(
        'createWorkflowSession',
        { body: '{"workflow_session": {', contentType: 'application/json', headers: auth(ctx) },
        { status: 400 },
      );
      same(ctx, broken.body, examples.errors.invalidJson, 'unparsable JSON gets the documented message');
      const unknown = await ctx.call('getWorkflowSession', { params: { id: MISSING_ID }, headers: auth(ctx) }, { status: 404 });
      isNermError(ctx, unknown, `Workflow session ${MISSING_ID} not found`, 'an unknown id');
      isNermError(ctx, await patch(ctx, 'nope', { status: 'closed' }, 404), /not found/, 'an update of an unknown id');
    },
  },
  {
    api: 'nerm',
    name: 'create, move and list a session',
    writes: true,
    async run(ctx) {
      const session = await create(ctx);
      if (!ctx.check(session?.status === 'new', 'a created session is new') || !session) return;
      await pause(5);
      const merged = sessionOf(await patch(ctx, session.id, { attributes: { department: 'Legal' } }));
      same(ctx, merged?.attributes, { ...newSession.attributes, department: 'Legal' }, 'an update merges attributes');
      ok(ctx, Date.parse(merged?.updated_at ?? '') > Date.parse(session.updated_at ?? ''), 'and moves updated_at', merged?.updated_at);
      for (const status of ['processing', 'pending_approval', 'approved', 'completed'])
        same(ctx, sessionOf(await patch(ctx, session.id, { status }))?.status, status, `a session walks on to ${status}`);
      ok(
        ctx,
        sessionIds(await all(ctx, { status: 'completed', requester_id: newSession.requester_id })).includes(session.id),
        'the status filter reflects the walk',
      );
      const moves: [string, string[], string][] = [
        ['approved', [], 'an approval on a new session'],
        ['completed', [], 'completing a session that never ran'],
        ['rejected', ['processing'], 'a rejection without a pending decision'],
        ['new', ['processing'], 'going back to new'],
        ['processing', ['processing', 'failed'], 'reopening a failed session'],
        ['approved', ['processing', 'pending_approval', 'rejected'], 'overturning a rejection'],
        ['AUTH-STATUS3', ['closed'], 'a listed status no step produces'],
      ];
      for (const [to, path, what] of moves) {
        const own = await create(ctx);
        for (const status of path) await patch(ctx, own?.id ?? '', { status });
        same(
          ctx,
          sessionOf(await patch(ctx, own?.id ?? '', { status: to }))?.status,
          to,
          `PATCH accepts ${what} (to ${to}), as the document lists every status`,
        );
      }
      // What SecZetta's cancelSessions.rb sends to close a session: Token token= and a JSON string.
      const closing = await create(ctx);
      const closed = await ctx.call(
        'updateWorkflowSession',
        {
          params: { id: closing?.id ?? '' },
          body: JSON.stringify({ workflow_session: { status_uid: 'closed' } }),
          contentType: 'application/json',
          headers: { authorization: 'Token token=abc' },
        },
        { status: 200 },
      );
      same(ctx, sessionOf(closed)?.status, 'closed', 'status_uid closed closes the session');
      const both = await create(ctx);
      same(
        ctx,
        sessionOf(await patch(ctx, both?.id ?? '', { status: 'processing', status_uid: 'closed' }))?.status,
        'processing',
        'status wins over status_uid when both are sent',
      );
      isNermError(
        ctx,
        await patch(ctx, both?.id ?? '', { status_uid: 'cancelled' }, 400),
        'The workflow session failed to update',
        'a status_uid outside the documented statuses',
        {
          status_uid: ['is not included in the list'],
        },
      );
      isNermError(
        ctx,
        await patch(ctx, both?.id ?? '', { status: 'pending approval' }, 400),
        'The workflow session failed to update',
        'a status outside the documented list',
        {
          status: ['is not included in the list'],
        },
      );
      const again = await create(ctx);
      same(ctx, sessionOf(await patch(ctx, again?.id ?? '', { status: 'new' }))?.status, 'new', 'setting the current status again is no change of state');
      same(
        ctx,
        sessionOf(await patch(ctx, again?.id ?? '', { attributes: { note: 'go' } }, 200, { run: 'true' }))?.status,
        'processing',
        'run=true on an update starts a new session',
      );
      const quiet = await create(ctx);
      const before = (await ctx.call('getWorkflowSession', { params: { id: quiet?.id ?? '' }, headers: auth(ctx) }, { status: 200 })).body;
      same(
        ctx,
        (await patch(ctx, quiet?.id ?? '', { id: 'other', uid: 'mine', colour: 'teal' })).body,
        before,
        'an update ignores what it may not write (id, uid, unknown fields) and changes nothing',
      );
      const bare = await ctx.call('updateWorkflowSession', { params: { id: quiet?.id ?? '' }, body: {}, headers: auth(ctx) }, { status: 200 });
      same(ctx, bare.body, before, 'a body without workflow_session, which the document does not require, changes nothing');
    },
  },
];
