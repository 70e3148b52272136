import type { Json, JsonObject } from '../../src/core/json.ts';
import type { ContractContext, Observed } from '../../src/contract/types.ts';
import examples from '../../fixtures/amperity/examples.json' with { type: 'json' };
import { matches, ok } from '../support/suite-kit.ts';

// The Amperity calls the contract suites share, for any target: pass --param tenant=... --param otherTenant=...
// --param configId=... for a real tenant (the defaults are the mock's seeded tenants).

export type Run = { id: string; name: string; type: string; state: string; tenant: string; created_at: string; ended_at?: string; error?: unknown };
export type Task = { id: string; state: string; tenant: string; workflow_id: string; created_at?: string; ended_at?: string; error?: unknown };
export type VerboseRun = Run & { launched_version: string; current_version: string; task_instances: Task[] };
export type Page = { data: Run[]; next_token?: string; total?: number };

export { examples };
export const EXAMPLE = examples.run;
export const ENDED = ['stopped', 'succeeded', 'failed', 'canceled'];

export const tenant = (ctx: ContractContext) => ctx.param('tenant', 'socktown');
export const otherTenant = (ctx: ContractContext) => ctx.param('otherTenant', 'acme');
export const headersFor = (ctx: ContractContext, forTenant = tenant(ctx)) => ({
  authorization: `Bearer ${ctx.param('token', 'contract-tests')}`,
  'amperity-tenant': forTenant,
  'api-version': '2024-04-01',
});

export async function listPage(ctx: ContractContext, query: Record<string, string | number>, headers = headersFor(ctx)): Promise<Page> {
  const res = await ctx.call('listWorkflowRuns', { query, headers }, { status: 200 });
  const body = (res.body as unknown as Page | undefined) ?? { data: [] };
  ok(ctx, (body as { next_token?: unknown }).next_token !== null, 'next_token is left out, never null');
  return body;
}

/** Follows next_token to the end (at most --param maxPages pages); `between` runs after each page, to interleave writes. */
export async function traverse(
  ctx: ContractContext,
  query: Record<string, string | number> = {},
  headers = headersFor(ctx),
  between?: () => Promise<void>,
): Promise<{ runs: Run[]; pages: Page[] }> {
  const pages: Page[] = [];
  let token: string | undefined;
  do {
    const page = await listPage(ctx, { ...query, ...(token ? { next_token: token } : {}) }, headers);
    pages.push(page);
    token = page.next_token;
    if (between) await between();
  } while (token && pages.length < Number(ctx.param('maxPages', '2000')));
  return { runs: pages.flatMap((p) => p.data), pages };
}

export const runIds = (runs: readonly Run[]) => runs.map((run) => run.id);

export async function get(ctx: ContractContext, id: string, view?: string, headers = headersFor(ctx)): Promise<VerboseRun | undefined> {
  const res = await ctx.call('getWorkflowRun', { params: { id }, query: view ? { view } : {}, headers }, { status: 200 });
  return res.body as unknown as VerboseRun | undefined;
}

/** Starts a run; the 201 body is the verbose representation (the reference page's 201 example). */
export async function start(
  ctx: ContractContext,
  body: JsonObject = { config_id: ctx.param('configId', 'cg-2efo5X8vo'), run_mode: 'refresh' },
): Promise<VerboseRun | undefined> {
  const res = await ctx.call('startWorkflowRun', { body, headers: headersFor(ctx) }, { status: 201 });
  return res.body as unknown as VerboseRun | undefined;
}

export function stop(ctx: ContractContext, id: string, expected: number | readonly number[] = 200, headers = headersFor(ctx)) {
  return ctx.call('stopWorkflowRun', { params: { id }, headers }, { status: expected });
}

/** Every place in a JSON value that holds null, as JSON pointers (the vendor's document makes no property nullable). */
export function nullsIn(value: Json | undefined | unknown, pointer = ''): string[] {
  if (value === null) return [pointer || '/'];
  if (Array.isArray(value)) return value.flatMap((item, index) => nullsIn(item, `${pointer}/${index}`));
  if (typeof value === 'object' && value !== undefined) return Object.entries(value as object).flatMap(([key, item]) => nullsIn(item, `${pointer}/${key}`));
  return [];
}

/** An Amperity error: `{status, message}` with the status echoed and the message (exact or a pattern). */
export function isAmperityError(ctx: ContractContext, res: Observed, message: string | RegExp | undefined, what: string): boolean {
  const body = res.body as { status?: Json; message?: Json } | undefined;
  return ok(
    ctx,
    body?.status === res.status && (message === undefined || matches(body.message, message)),
    `${what}: the error${message === undefined ? '' : ' with its message'}`,
    { expected: String(message), actual: body },
  );
}
