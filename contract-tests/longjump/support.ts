import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Response } from 'supertest';
import type { Json } from '../../src/core/json.ts';
import { parseXmlTree } from '../../src/serialization/parse-xml.ts';
import { schemaId } from '../../mocks/longjump/schema-ids.ts';
import { expectSchema } from '../support/schemas.ts';
import type { Target } from '../support/target.ts';

export const REST = '/networking/rest';
export { schemaId };

/** Elements that repeat in LongJump responses, read as arrays whatever their count. */
export const REPEATED = new Set(['workflowAction', 'owners', 'additionalUserToNotify']);

export const example = (name: string): string => readFileSync(new URL(`../../fixtures/longjump/examples/${name}`, import.meta.url), 'utf8');

export function tree(xml: string): Json {
  const parsed = parseXmlTree(xml, REPEATED);
  if (!parsed.ok) throw new Error(`not XML (${parsed.error}): ${xml.slice(0, 200)}`);
  return parsed.value;
}

/** The element names of a document in document order, depth first: what "the seed's element order" means. */
export function elementOrder(xml: string): string[] {
  return [...xml.replace(/<\?xml[^>]*>/, '').matchAll(/<([A-Za-z_][\w.-]*)[\s>/]/g)].map((m) => m[1] ?? '');
}

export async function login(target: Target, userName: string, password = 'demo'): Promise<string> {
  const res = await target
    .post(`${REST}/login`)
    .set('Content-Type', 'application/xml')
    .send(`<platform><login><userName>${userName}</userName><password>${password}</password></login></platform>`);
  expect(res.status, res.text).toBe(200);
  const cookie = String(res.headers['set-cookie'] ?? '');
  const sessionId = /JSESSIONID=([^;]+)/.exec(cookie)?.[1] ?? '';
  expect(sessionId).not.toBe('');
  return `JSESSIONID=${sessionId}`;
}

/** GET as XML (default) and check it against the schema over its tree. */
export async function getXml(target: Target, path: string, cookie: string, schema: string): Promise<{ res: Response; body: Json }> {
  const res = await target.get(path).set('Cookie', cookie).buffer(true);
  expect(res.status, res.text).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/xml/);
  const body = tree(res.text);
  expectSchema(schemaId(schema), body);
  return { res, body };
}

export function actionsPath(objectName: string, recordId: string): string {
  return `${REST}/workflowAction/record/${objectName}/${recordId}`;
}

export function ownersPath(objectName: string, recordId: string): string {
  return `${REST}/record/${objectName}/${recordId}/workflowOwners`;
}

export function changePath(objectName: string, recordId: string): string {
  return `${REST}/record/${objectName}/${recordId}/operation/changeWorkflowState`;
}

export function changeBody(actionName: string, extra: { workflow?: string; comment?: string; owner?: string } = {}): string {
  return (
    `<platform><workflowChangeState><workflowIdOrName>${extra.workflow ?? 'workflow1'}</workflowIdOrName><actionName>${actionName}</actionName>` +
    `${extra.comment === undefined ? '' : `<comment>${extra.comment}</comment>`}${extra.owner === undefined ? '' : `<userChoiceOwner>${extra.owner}</userChoiceOwner>`}</workflowChangeState></platform>`
  );
}

export async function change(target: Target, cookie: string, objectName: string, recordId: string, body: string): Promise<Response> {
  return target.post(changePath(objectName, recordId)).set('Cookie', cookie).set('Content-Type', 'application/xml').buffer(true).send(body);
}

/** The actions a user is offered on a record: [name, nextStateId, available] in response order. */
export async function offered(target: Target, cookie: string, objectName: string, recordId: string): Promise<[string, string, string][]> {
  const { body } = await getXml(target, actionsPath(objectName, recordId), cookie, 'WorkflowActions');
  const actions = (body as { platform: { workflowAction?: { name: string; nextStateId: string; available: string }[] } }).platform.workflowAction ?? [];
  return actions.map((a) => [a.name, a.nextStateId, a.available]);
}

export async function owners(target: Target, cookie: string, objectName: string, recordId: string): Promise<string[]> {
  const { body } = await getXml(target, ownersPath(objectName, recordId), cookie, 'WorkflowOwners');
  const listed = (body as { platform: { record: { availableWFOwners: { owners: { fullname: string }[] } | '' } } }).platform.record.availableWFOwners;
  return listed === '' ? [] : listed.owners.map((o) => o.fullname);
}

/** A LongJump error: HTTP status, platform code and the error tree's schema. */
export function expectPlatformError(res: Response, status: number, code: string, description?: string | RegExp): void {
  expect(res.status, res.text).toBe(status);
  const body = res.headers['content-type']?.startsWith('application/json') ? (JSON.parse(res.text) as Json) : tree(res.text);
  expectSchema(schemaId('Error'), body);
  const message = (body as { platform: { message: { code: string; description: string } } }).platform.message;
  expect(message.code).toBe(code);
  if (typeof description === 'string') expect(message.description).toBe(description);
  else if (description) expect(message.description).toMatch(description);
}
