import type { Json, JsonObject } from '../../src/core/json.ts';
import type { CallRequest, ContractContext, Observed } from '../../src/contract/types.ts';
import examples from '../../fixtures/twinit/examples.json' with { type: 'json' };
import { matches, ok } from '../support/suite-kit.ts';

// The Twinit calls the contract suites share, for any target: pass --param nsfilter=... --param secondNs=...
// --param workflowDefId=... for a real namespace (the defaults are the seed's and the documents').

export type Task = { _id: string; _name: string; _sequenceno: number; _type: string; _status: string };
export type Run = {
  _id: string;
  _workflowDefId: string;
  _name: string;
  _namespaces: string[];
  _userType: string;
  _tasks: Task[];
  _status: string;
  _createdAt: string;
  _updatedAt: string;
  _createdBy: string;
  _updatedBy: string;
  _inputParams: Record<string, unknown>;
  _output: unknown;
};
export type Def = {
  _id: string;
  _name: string;
  _namespaces: string[];
  _userType: string;
  _createdAt: string;
  _updatedAt: string;
  _tasks: { _name: string; _sequenceno: number; _type: string }[];
};
export type Page<T> = { _offset: number; _pageSize: number; _total: number; _list: T[] };

export { examples };
export const EXAMPLE = examples.getResponse as unknown as Run;

export const auth = (ctx: ContractContext) => ({ authorization: `Bearer ${ctx.param('token', 'contract-tests')}` });
export const ns = (ctx: ContractContext) => ctx.param('nsfilter', 'first_tchgt1VU');
export const secondNs = (ctx: ContractContext) => ctx.param('secondNs', 'second_Qm7hT2pL');
export const definitionId = (ctx: ContractContext) => ctx.param('workflowDefId', EXAMPLE._workflowDefId);

export async function page(ctx: ContractContext, query: CallRequest['query'] = {}): Promise<Page<Run>> {
  const withNs = Array.isArray(query) ? query : { nsfilter: ns(ctx), ...query };
  const res = await ctx.call('listWorkflows', { query: withNs, headers: auth(ctx) }, { status: 200 });
  return (res.body as unknown as Page<Run> | undefined) ?? { _offset: 0, _pageSize: 0, _total: 0, _list: [] };
}

/** Every run of a query, page by page, and whether the pages added up to the total they reported. */
export async function everyRun(ctx: ContractContext, query: Record<string, string | number> = {}, pageSize = 50): Promise<Run[]> {
  const runs: Run[] = [];
  for (let offset = 0, pages = 0; pages < Number(ctx.param('maxPages', '1000')); offset += pageSize, pages++) {
    const body = await page(ctx, { ...query, _pageSize: pageSize, _offset: offset });
    runs.push(...body._list);
    if (offset + pageSize >= body._total) {
      ok(ctx, runs.length === body._total, `pages of ${pageSize} add up to the _total they report`, { total: body._total, traversed: runs.length });
      break;
    }
  }
  return runs;
}

export const runIds = (runs: readonly { _id: string }[]) => runs.map((run) => run._id);

export async function get(ctx: ContractContext, id: string, query: Record<string, string> = {}, expected = 200): Promise<Run | undefined> {
  const res = await ctx.call('getWorkflow', { params: { id }, query: { nsfilter: ns(ctx), ...query }, headers: auth(ctx) }, { status: expected });
  return res.body as unknown as Run | undefined;
}

export async function start(ctx: ContractContext, defId = definitionId(ctx), namespace = ns(ctx)): Promise<Run | undefined> {
  const res = await ctx.call(
    'createWorkflow',
    { query: { nsfilter: namespace }, body: { _workflowDefId: defId, _inputParams: { _url: 'https://example.test/x' } }, headers: auth(ctx) },
    { status: 201 },
  );
  return res.body as unknown as Run | undefined;
}

export function setStatus(ctx: ContractContext, id: string, status: string, expected: number | readonly number[] = 200, headers = auth(ctx)) {
  return ctx.call('updateWorkflowStatus', { params: { id }, query: { nsfilter: ns(ctx) }, body: { _status: status }, headers }, { status: expected });
}

export const runOf = (res: Observed): Run | undefined => res.body as unknown as Run | undefined;

/** A Twinit error: the code, the status echoed, an instance, retryable only for 5xx, and the message (exact or a pattern). */
export function isTwinitError(ctx: ContractContext, res: Observed, code: string, message: string | RegExp | undefined, what: string): boolean {
  const body = (res.body ?? {}) as JsonObject;
  return ok(
    ctx,
    body['status'] === res.status &&
      body['code'] === code &&
      typeof body['instance'] === 'string' &&
      body['retryable'] === res.status >= 500 &&
      (message === undefined || matches(body['message'], message)),
    `${what}: ${code}${message === undefined ? '' : ' with its message'}`,
    { expected: { code, message: String(message) }, actual: body },
  );
}

/** A definition of the suite's own, so no suite changes the documents' one. */
export async function createDef(ctx: ContractContext, body: Json): Promise<Def | undefined> {
  const res = await ctx.call('createWorkflowDef', { query: { nsfilter: ns(ctx) }, body, headers: auth(ctx) }, { status: 201 });
  return res.body as unknown as Def | undefined;
}
