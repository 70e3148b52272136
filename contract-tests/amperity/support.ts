import { expect } from 'vitest';
import type { Response } from 'supertest';
import examples from '../../fixtures/amperity/examples.json' with { type: 'json' };
import { schemaId } from '../../mocks/amperity/schema-ids.ts';
import { expectSchema } from '../support/schemas.ts';
import { targetFor, type Target } from '../support/target.ts';

export const RUNS = '/api/workflow/runs';
export const EXAMPLE = examples.run;
export { examples, schemaId };

export const headersFor = (tenant: string) => ({ Authorization: 'Bearer contract-tests', 'amperity-tenant': tenant, 'api-version': '2024-04-01' });
export const SOCKTOWN = headersFor('socktown');
export const ACME = headersFor('acme');

/** Most contracts run without the vendor's 10 requests/second limit; the rate-limit contract turns it on. */
export const unlimited = (): Target => targetFor('amperity', { rateLimits: false });

export type Run = { id: string; name: string; type: string; state: string; tenant: string; created_at: string; ended_at?: string; error?: unknown };
export type Task = { id: string; state: string; tenant: string; workflow_id: string; created_at?: string; ended_at?: string; error?: unknown };
export type VerboseRun = Run & { launched_version: string; current_version: string; task_instances: Task[] };
export type Page = { data: Run[]; next_token?: string; total?: number };

export async function listPage(target: Target, query: Record<string, string | number | boolean>, headers = SOCKTOWN): Promise<Page> {
  const res = await target.get(RUNS).query(query).set(headers);
  expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(200);
  expectSchema(schemaId('run-list.json'), res.body);
  expect(res.body.next_token === null).toBe(false);
  return res.body as Page;
}

/** Follows next_token to the end; `between` runs after each page (to interleave writes). */
export async function traverse(
  target: Target,
  query: Record<string, string | number | boolean> = {},
  headers = SOCKTOWN,
  between?: () => Promise<void>,
): Promise<{ runs: Run[]; pages: Page[] }> {
  const pages: Page[] = [];
  let token: string | undefined;
  do {
    const page = await listPage(target, { ...query, ...(token ? { next_token: token } : {}) }, headers);
    pages.push(page);
    token = page.next_token;
    if (between) await between();
    if (pages.length > 2000) throw new Error('next_token never ends');
  } while (token);
  return { runs: pages.flatMap((p) => p.data), pages };
}

/** Starts a run; the 201 body is the verbose representation (the reference page's 201 example). */
export async function start(target: Target, headers = SOCKTOWN, body: object = { config_id: 'cg-2efo5X8vo', run_mode: 'refresh' }): Promise<VerboseRun> {
  const res = await target.post(RUNS).set(headers).send(body);
  expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(201);
  expectSchema(schemaId('run.json#/$defs/Verbose'), res.body);
  return res.body as VerboseRun;
}

/** Every place in a JSON value that holds null, as JSON pointers (the vendor's document makes no property nullable). */
export function nullsIn(value: unknown, pointer = ''): string[] {
  if (value === null) return [pointer || '/'];
  if (Array.isArray(value)) return value.flatMap((item, index) => nullsIn(item, `${pointer}/${index}`));
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => nullsIn(item, `${pointer}/${key}`));
  return [];
}

export function expectAmperityError(res: Response, status: number, message?: string | RegExp): void {
  expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(status);
  expectSchema(schemaId('error.json'), res.body);
  expect(res.body.status).toBe(status);
  if (typeof message === 'string') expect(res.body.message).toBe(message);
  else if (message) expect(res.body.message).toMatch(message);
}
