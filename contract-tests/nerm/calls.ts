import type { Json, JsonObject } from '../../src/core/json.ts';
import type { CallRequest, ContractContext, Observed } from '../../src/contract/types.ts';
import examples from '../../fixtures/nerm/examples.json' with { type: 'json' };
import { matches, ok, same } from '../support/suite-kit.ts';

// The NERM calls the contract suites share, for any target (`--param token=...` for a real tenant).

export type Session = {
  id: string;
  uid: string;
  workflow_id: string;
  requester_id: string;
  requester_type?: string;
  profile_id?: string;
  profile_ids: string[];
  status: string;
  attributes: Record<string, string>;
  created_at?: string;
  updated_at?: string;
};
export type Metadata = { limit: number; offset: number; total: number; next?: string; previous?: string };
export type ListBody = { workflow_sessions: Session[]; _metadata?: Metadata };

export { examples };
export const EXAMPLE = examples.list.workflow_sessions[0] as unknown as Session;

export const auth = (ctx: ContractContext) => ({ authorization: `Bearer ${ctx.param('token', 'contract-tests')}` });

export const newSession = {
  workflow_id: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e',
  requester_id: '0f1d3f8e-6f4d-4c8e-9a55-3f6f8e2b7a10',
  requester_type: 'User',
  attributes: { job_title: 'Contractor', start_date: '12/01/2026' },
};

/** One page of sessions: the query as an object, or as pairs (repeats, bracketed names). */
export async function list(ctx: ContractContext, query: CallRequest['query'] = {}): Promise<ListBody> {
  const res = await ctx.call('listWorkflowSessions', { query, headers: auth(ctx) }, { status: 200 });
  return (res.body as unknown as ListBody | undefined) ?? { workflow_sessions: [] };
}

/** The query of a `_metadata` link (path-absolute, or absolute), as pairs. */
export const linkQuery = (link: string): [string, string][] => [...new URLSearchParams(link.slice(link.indexOf('?') + 1))];

/** Follows `_metadata.next` from the first page to the end (at most --param maxPages pages), returning every page. */
export async function followNext(ctx: ContractContext, query: Record<string, string | number>): Promise<ListBody[]> {
  const pages = [await list(ctx, { ...query, metadata: 'true' })];
  for (let next = pages[0]?._metadata?.next; next && pages.length < Number(ctx.param('maxPages', '1000')); next = pages.at(-1)?._metadata?.next) {
    pages.push(await list(ctx, linkQuery(next)));
  }
  return pages;
}

export async function all(ctx: ContractContext, query: Record<string, string | number> = {}): Promise<Session[]> {
  return (await followNext(ctx, { ...query, limit: 1000 })).flatMap((page) => page.workflow_sessions);
}

export const sessionIds = (sessions: readonly Session[]) => sessions.map((session) => session.id);

/** A NERM error: `error` (exact or a pattern) and, when given, exactly these field `errors`. */
export function isNermError(ctx: ContractContext, res: Observed, error: string | RegExp, what: string, errors?: Record<string, string[]>): boolean {
  const body = res.body as { error?: Json; errors?: Json } | undefined;
  if (errors !== undefined) same(ctx, body?.errors, errors, `${what}: the field errors`);
  return ok(ctx, matches(body?.error, error), `${what}: the error message`, { expected: String(error), actual: body });
}

export async function create(ctx: ContractContext, fields: JsonObject = newSession, query: Record<string, string> = {}): Promise<Session | undefined> {
  const res = await ctx.call('createWorkflowSession', { query, body: { workflow_session: fields }, headers: auth(ctx) }, { status: 200 });
  return (res.body as { workflow_session?: Session } | undefined)?.workflow_session;
}

export function patch(ctx: ContractContext, id: string, fields: JsonObject, expected: number | readonly number[] = 200, query: Record<string, string> = {}) {
  return ctx.call('updateWorkflowSession', { params: { id }, query, body: { workflow_session: fields }, headers: auth(ctx) }, { status: expected });
}

export const sessionOf = (res: Observed): Session | undefined => (res.body as { workflow_session?: Session } | undefined)?.workflow_session;

/** The statuses that end a session in the usual flow. */
export const ENDED = ['completed', 'rejected', 'failed', 'closed'];
