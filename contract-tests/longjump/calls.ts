import { readFileSync } from 'node:fs';
import type { Json } from '../../src/core/json.ts';
import type { ContractContext, Observed } from '../../src/contract/types.ts';
import { parseXmlTree } from '../../src/serialization/parse-xml.ts';
import { matches, ok } from '../support/suite-kit.ts';

// The LongJump calls the contract suites share, for any target: pass --param userName=... --param password=...
// --param objectName=... --param recordId=... for a real account (the defaults are the mock's demo users and records).

export const REPEATED = new Set(['workflowAction', 'owners', 'additionalUserToNotify']);

export const loginXml = (user: string, password: string) => `<platform><login><userName>${user}</userName><password>${password}</password></login></platform>`;

export function changeXml(action: string, extra: { workflow?: string; comment?: string; owner?: string } = {}): string {
  return (
    `<platform><workflowChangeState><workflowIdOrName>${extra.workflow ?? 'workflow1'}</workflowIdOrName><actionName>${action}</actionName>` +
    `${extra.comment === undefined ? '' : `<comment>${extra.comment}</comment>`}${extra.owner === undefined ? '' : `<userChoiceOwner>${extra.owner}</userChoiceOwner>`}</workflowChangeState></platform>`
  );
}

/** One of the seed document's example files, as written. */
export const example = (name: string): string => readFileSync(new URL(`../../fixtures/longjump/examples/${name}`, import.meta.url), 'utf8');

/** An XML document read into the tree convention the mock's JSON answers use. */
export function tree(xml: string): Json {
  const parsed = parseXmlTree(xml, REPEATED);
  return parsed.ok ? parsed.value : xml;
}

/** The element names of a document in document order, depth first: what "the seed's element order" means. */
export const elementOrder = (xml: string): string[] => [...xml.replace(/<\?xml[^>]*>/, '').matchAll(/<([A-Za-z_][\w.-]*)[\s>/]/g)].map((m) => m[1] ?? '');

export const record = (objectName: string, recordId: string) => ({ objectName, recordId });

/** Logs in and returns the session cookie to send back (`JSESSIONID=...`), '' when there is none. */
export async function login(ctx: ContractContext, user: string, expected: number | number[] = 200): Promise<string> {
  const res = await ctx.call('login', { body: loginXml(user, ctx.param('password', 'demo')) }, { status: expected });
  return /JSESSIONID=[^;,]+/.exec(res.headers['set-cookie'] ?? '')?.[0] ?? '';
}

type Actions = { platform?: { workflowAction?: { name: string; nextStateId: string; available: string }[]; recordCount?: string } };

/** The actions a user is offered on a record: [name, nextStateId, available] in response order. */
export async function offered(ctx: ContractContext, cookie: string, objectName: string, recordId: string): Promise<[string, string, string][]> {
  const res = await ctx.call('listAvailableActions', { params: record(objectName, recordId), headers: { cookie } }, { status: 200 });
  return ((res.body as Actions | undefined)?.platform?.workflowAction ?? []).map((a) => [a.name, a.nextStateId, a.available]);
}

/** [name, available] of the actions offered. */
export const names = (rows: readonly [string, string, string][]) => rows.map(([name, , available]) => [name, available]);

export async function owners(ctx: ContractContext, cookie: string, objectName: string, recordId: string): Promise<string[]> {
  const res = await ctx.call('workflowOwners', { params: record(objectName, recordId), headers: { cookie } }, { status: 200 });
  const listed = (res.body as { platform?: { record?: { availableWFOwners?: { owners: { fullname: string }[] } | '' } } } | undefined)?.platform?.record
    ?.availableWFOwners;
  return listed === '' || listed === undefined ? [] : listed.owners.map((o) => o.fullname);
}

export function change(ctx: ContractContext, cookie: string, objectName: string, recordId: string, body: string, expected: number | number[] = 200) {
  return ctx.call('changeWorkflowState', { params: record(objectName, recordId), body, headers: { cookie } }, { status: expected });
}

/** A LongJump platform error: its code and description (exact or a pattern), as XML or as JSON. */
export function isPlatformError(ctx: ContractContext, res: Observed, code: string, description: string | RegExp | undefined, what: string): boolean {
  const message = (res.body as { platform?: { message?: { code?: string; description?: string } } } | undefined)?.platform?.message;
  return ok(
    ctx,
    message?.code === code && (description === undefined || matches(message.description, description)),
    `${what}: platform code ${code}${description === undefined ? '' : ' with its description'}`,
    { expected: String(description), actual: res.body },
  );
}
