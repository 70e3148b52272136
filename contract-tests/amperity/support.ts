import { expect } from 'vitest';
import examples from '../../fixtures/amperity/examples.json' with { type: 'json' };
import { schemaId } from '../../mocks/amperity/schema-ids.ts';
import { expectSchema } from '../support/schemas.ts';
import type { Target } from '../support/target.ts';

export const RUNS = '/api/workflow/runs';
export const EXAMPLE = examples.run;
export { examples, schemaId };

export const headersFor = (tenant: string) => ({ Authorization: 'Bearer contract-tests', 'amperity-tenant': tenant, 'api-version': '2024-04-01' });
export const SOCKTOWN = headersFor('socktown');

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
