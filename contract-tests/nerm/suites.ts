import type { ContractContext, ContractSuite } from '../../src/contract/types.ts';

/** NERM contracts for any target. */
type Session = { id: string; status: string; requester_id: string };
type Page = { workflow_sessions?: Session[]; _metadata?: { total: number; next?: string; previous?: string; limit: number; offset: number } };

const auth = (ctx: ContractContext) => ({ authorization: `Bearer ${ctx.param('token', 'contract-tests')}` });

/** Follows `_metadata.next` links (relative to the target), up to maxPages. */
async function followNext(ctx: ContractContext, query: Record<string, string | number>): Promise<{ sessions: Session[]; total: number | undefined }> {
  const sessions: Session[] = [];
  let res = await ctx.call('listWorkflowSessions', { query: { ...query, metadata: 'true' }, headers: auth(ctx) }, { status: 200 });
  let page = res.body as Page | undefined;
  const total = page?._metadata?.total;
  for (let n = 0; page && n < Number(ctx.param('maxPages', '60')); n++) {
    sessions.push(...(page.workflow_sessions ?? []));
    const next = page._metadata?.next;
    if (!next) break;
    const pairs = [...new URLSearchParams(next.slice(next.indexOf('?') + 1))];
    res = await ctx.call('listWorkflowSessions', { query: pairs, headers: auth(ctx) }, { status: 200 });
    page = res.body as Page | undefined;
  }
  return { sessions, total };
}

export const suitesNerm: ContractSuite[] = [
  {
    api: 'nerm',
    name: 'read and follow _metadata links',
    writes: false,
    async run(ctx) {
      const { sessions, total } = await followNext(ctx, { limit: 25 });
      ctx.check(new Set(sessions.map((s) => s.id)).size === sessions.length, 'following next visits no session twice');
      ctx.check(total === sessions.length, '_metadata.total equals the sessions traversed', { total, traversed: sessions.length });
      const deep = await ctx.call(
        'listWorkflowSessions',
        {
          query: [
            ['query[limit]', '3'],
            ['query[offset]', '0'],
          ],
          headers: auth(ctx),
        },
        { status: 200 },
      );
      ctx.check(((deep.body as Page | undefined)?.workflow_sessions ?? []).length <= 3, 'the deepObject query[limit] form limits the page');
      const pending = await followNext(ctx, { limit: 50, status: 'pending approval' });
      ctx.check(
        pending.sessions.every((s) => s.status === 'pending_approval'),
        'the spaced status filter returns snake_case statuses',
      );
      const first = sessions[0];
      if (first) await ctx.call('getWorkflowSession', { params: { id: first.id }, headers: auth(ctx) }, { status: 200 });
      await ctx.call('getWorkflowSession', { params: { id: '00000000-0000-4000-8000-000000000000' }, headers: auth(ctx) }, { status: 404 });
      await ctx.call('listWorkflowSessions', { query: { limit: 0 }, headers: auth(ctx) }, { status: 400 });
      const ends = await ctx.call('listWorkflowSessions', { query: { limit: 1000000, metadata: 'true' }, headers: auth(ctx) }, { status: 200 });
      const metadata = (ends.body as Page | undefined)?._metadata;
      ctx.check(
        metadata !== undefined && !('next' in metadata) && !('previous' in metadata),
        'a single page has neither next nor previous (never null)',
        metadata,
      );
      await ctx.call('listWorkflowSessions', {}, { status: 401 });
    },
  },
  {
    api: 'nerm',
    name: 'create, move and list a session',
    writes: true,
    async run(ctx) {
      const requester = ctx.param('requesterId', '0f1d3f8e-6f4d-4c8e-9a55-3f6f8e2b7a10');
      const workflow = ctx.param('workflowId', 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e');
      const before = (await followNext(ctx, { limit: 1 })).total ?? 0;
      const created = await ctx.call(
        'createWorkflowSession',
        {
          body: { workflow_session: { workflow_id: workflow, requester_id: requester, requester_type: 'User', attributes: { note: 'contract' } } },
          headers: auth(ctx),
        },
        { status: 200 },
      );
      const session = (created.body as { workflow_session?: Session } | undefined)?.workflow_session;
      if (!ctx.check(session?.status === 'new', 'a created session is new') || !session) return;
      const after = await ctx.call('listWorkflowSessions', { query: { limit: 1, metadata: 'true' }, headers: auth(ctx) }, { status: 200 });
      ctx.check((after.body as Page | undefined)?._metadata?.total === before + 1, 'the total counts the new session');
      const mine = await followNext(ctx, { limit: 100, requester_id: requester });
      ctx.check(
        mine.sessions.some((s) => s.id === session.id),
        'it appears under its requester',
      );
      await ctx.call(
        'updateWorkflowSession',
        { params: { id: session.id }, body: { workflow_session: { status: 'processing' } }, headers: auth(ctx) },
        { status: 200 },
      );
      const processing = await followNext(ctx, { limit: 100, status: 'processing', requester_id: requester });
      ctx.check(
        processing.sessions.some((s) => s.id === session.id),
        'the status filter reflects the move',
      );
      // What SecZetta's cancelSessions.rb sends to close a session.
      const closed = await ctx.call(
        'updateWorkflowSession',
        { params: { id: session.id }, body: { workflow_session: { status_uid: 'closed' } }, headers: auth(ctx) },
        { status: 200 },
      );
      ctx.check((closed.body as { workflow_session?: Session } | undefined)?.workflow_session?.status === 'closed', 'status_uid closed closes the session');
    },
  },
];
