import { expect } from 'vitest';
import type { Response } from 'supertest';
import examples from '../../fixtures/twinit/examples.json' with { type: 'json' };
import { schemaId } from '../../mocks/twinit/schema-ids.ts';
import { expectSchema } from '../support/schemas.ts';
import type { Target } from '../support/target.ts';

export const NS = 'first_tchgt1VU';
export const SECOND_NS = 'second_Qm7hT2pL';
export const WORKFLOWS = '/workflowsvc/api/v1/workflows';
export const DEFS = '/workflowsvc/api/v1/workflowdefs';
export const AUTH = { Authorization: 'Bearer contract-tests' };
export const EXAMPLE = examples.getResponse;
export { examples, schemaId };

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
export type Page<T> = { _offset: number; _pageSize: number; _total: number; _list: T[] };

export async function page(target: Target, query: Record<string, string | number | boolean> | string, path = WORKFLOWS): Promise<Page<Run>> {
  const request = typeof query === 'string' ? target.get(`${path}?${query}`) : target.get(path).query(query);
  const res = await request.set(AUTH);
  expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(200);
  expectSchema(schemaId(path === WORKFLOWS ? 'workflow-page.json' : 'workflowdef-page.json'), res.body);
  return res.body as Page<Run>;
}

/** Every run of a query, page by page. */
export async function everyRun(target: Target, query: Record<string, string | number | boolean> = {}, pageSize = 50): Promise<Run[]> {
  const all: Run[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const body = await page(target, { nsfilter: NS, ...query, _pageSize: pageSize, _offset: offset });
    all.push(...body._list);
    if (offset + pageSize >= body._total) {
      expect(all.length).toBe(body._total);
      return all;
    }
  }
}

export async function getRun(target: Target, id: string, ns = NS): Promise<Run> {
  const res = await target.get(`${WORKFLOWS}/${id}`).query({ nsfilter: ns }).set(AUTH);
  expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(200);
  expectSchema(schemaId('workflow.json'), res.body);
  return res.body as Run;
}

export async function startRun(target: Target, defId = EXAMPLE._workflowDefId, ns = NS): Promise<Run> {
  const res = await target
    .post(WORKFLOWS)
    .query({ nsfilter: ns })
    .set(AUTH)
    .send({ _workflowDefId: defId, _inputParams: { _url: 'https://example.test/x' } });
  expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(201);
  expectSchema(schemaId('workflow.json'), res.body);
  return res.body as Run;
}

export function setStatus(target: Target, id: string, status: string, ns = NS) {
  return target.put(`${WORKFLOWS}/${id}/status`).query({ nsfilter: ns }).set(AUTH).send({ _status: status });
}

export function expectTwinitError(res: Response, status: number, code: string, message?: string | RegExp): void {
  expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(status);
  expectSchema(schemaId('error.json'), res.body);
  expect(res.body).toMatchObject({ status, code, instance: expect.any(String), retryable: status >= 500 });
  if (typeof message === 'string') expect(res.body.message).toBe(message);
  else if (message) expect(res.body.message).toMatch(message);
}
