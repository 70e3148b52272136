import type { Json } from '../../src/core/json.ts';
import type { CallRequest, ContractContext, Observed } from '../../src/contract/types.ts';
import examples from '../../fixtures/8x8/examples.json' with { type: 'json' };
import { keysOf, matches, ok } from '../support/suite-kit.ts';

// The 8x8 calls the contract suites share, for any target: pass --param accountId=... --param definitionId=... for a
// real account (the defaults are the mock's seeded account and the documents' definition).

export type Instance = {
  workflowId: string;
  status: string;
  startedAt: string;
  completedAt: string | null;
  version: number;
  definitionId: string;
  data: Record<string, unknown>;
  logs?: { status: string; startedAt: string; completedAt: string }[];
};

export type Definition = { id: string; version: number; createdAt: string; status: string; trigger: string; accountId: string; definition: Json };

export { examples };

export const account = (ctx: ContractContext) => ctx.param('accountId', 'test_account_id');
export const definitionId = (ctx: ContractContext) => ctx.param('definitionId', '5870442f-3ddd-4657-b74c-6e17308f5230');
export const ids = (ctx: ContractContext, definition = definitionId(ctx)) => ({ accountId: account(ctx), definitionId: definition });
export const auth = (ctx: ContractContext) => ({ authorization: `Bearer ${ctx.param('token', 'contract-tests')}` });
/** Paths below the base URL, for calls that reach no operation (unknown paths, other methods, HEAD). */
export const definitionsPath = (ctx: ContractContext) => `/api/v1/accounts/${account(ctx)}/definitions`;
export const workflowsPath = (ctx: ContractContext, definition = definitionId(ctx)) => `${definitionsPath(ctx)}/${definition}/workflows`;

/** One page of workflows. */
export async function page(ctx: ContractContext, query: CallRequest['query'] = {}, definition = definitionId(ctx)): Promise<Instance[]> {
  const res = await ctx.call('listWorkflowInstances', { params: ids(ctx, definition), query, headers: auth(ctx) }, { status: 200 });
  return Array.isArray(res.body) ? (res.body as unknown as Instance[]) : [];
}

/** Every workflow of a query, paging with `limit` until a short page (at most --param maxPages pages). */
export async function everyWorkflow(ctx: ContractContext, query: Record<string, string | number> = {}, limit = 500, definition = definitionId(ctx)) {
  const all: Instance[] = [];
  for (let offset = 0, pages = 0; pages < Number(ctx.param('maxPages', '1000')); offset += limit, pages++) {
    const items = await page(ctx, { ...query, limit, offset }, definition);
    all.push(...items);
    if (items.length < limit) break;
  }
  return all;
}

export const workflowIds = (workflows: readonly Instance[]) => workflows.map((workflow) => workflow.workflowId);

/** An 8x8 error: the code, the message (exact or a pattern), JSON, and exactly the documented envelope's fields. */
export function isError(ctx: ContractContext, res: Observed, code: number, message: string | RegExp | undefined, what: string): boolean {
  const body = res.body as { code?: unknown; message?: unknown } | undefined;
  return ok(
    ctx,
    /^application\/json/.test(res.headers['content-type'] ?? '') &&
      body?.code === code &&
      (message === undefined || matches(body.message, message)) &&
      JSON.stringify(keysOf(body)) === JSON.stringify(keysOf(examples.errors.invalidDefinitionId)),
    `${what}: error ${code}${message === undefined ? '' : ' with its message'}`,
    { expected: { code, message: String(message) }, actual: body },
  );
}

/** Starts a workflow and returns its id, read from the Location header ('' when there is none). */
export async function start(ctx: ContractContext, body: Json = { content: { text: 'hello' } }, definition = definitionId(ctx), query = {}) {
  const res = await ctx.call('startWorkflowInstance', { params: ids(ctx, definition), query, headers: auth(ctx), body }, { status: 201 });
  const location = res.headers['location'] ?? '';
  ok(ctx, new RegExp(`${workflowsPath(ctx, definition)}/[0-9a-f]{24}$`).test(location), 'a started workflow is named by its Location header', location);
  return location.split('/').at(-1) ?? '';
}

export async function get(ctx: ContractContext, workflowId: string, definition = definitionId(ctx), query = {}): Promise<Instance | undefined> {
  const res = await ctx.call('getWorkflowInstance', { params: { ...ids(ctx, definition), workflowId }, query, headers: auth(ctx) }, { status: 200 });
  return res.body as unknown as Instance | undefined;
}

export function command(ctx: ContractContext, workflowId: string, status: string, expected: number | readonly number[], definition = definitionId(ctx)) {
  return ctx.call(
    'updateWorkflowInstanceStatus',
    { params: { ...ids(ctx, definition), workflowId }, body: { status }, headers: auth(ctx) },
    { status: expected },
  );
}

/** Creates an enabled definition of its own (a suite that changes versions never touches the documented one). */
export async function createDefinition(ctx: ContractContext, fields: Record<string, Json> = {}): Promise<Definition | undefined> {
  const res = await ctx.call(
    'createDefinition',
    {
      params: { accountId: account(ctx) },
      body: {
        trigger: 'http_request',
        status: 'enabled',
        definition: { name: 'Contract tests', steps: [{ id: 'wait', stepType: 'Wait', inputs: { duration: '00:01:00' } }] },
        ...fields,
      },
      headers: auth(ctx),
    },
    { status: 201 },
  );
  return res.body as unknown as Definition | undefined;
}

export async function definitions(ctx: ContractContext, accountId = account(ctx)): Promise<Definition[]> {
  const res = await ctx.call('listDefinitions', { params: { accountId }, query: { limit: 500 }, headers: auth(ctx) }, { status: 200 });
  return Array.isArray(res.body) ? (res.body as unknown as Definition[]) : [];
}

export async function versions(ctx: ContractContext, definition: string, query = {}, accountId = account(ctx)): Promise<Definition[]> {
  const res = await ctx.call('getDefinitionVersions', { params: { accountId, definitionId: definition }, query, headers: auth(ctx) }, { status: 200 });
  return Array.isArray(res.body) ? (res.body as unknown as Definition[]) : [];
}
