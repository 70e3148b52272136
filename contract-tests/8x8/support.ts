import { expect } from 'vitest';
import examples from '../../fixtures/8x8/examples.json' with { type: 'json' };
import { schemaId } from '../../mocks/8x8/schema-ids.ts';
import { expectSchema } from '../support/schemas.ts';
import type { Target } from '../support/target.ts';

// Facts the 8x8 contracts rely on: the seed's documented account, definition and examples.

export const ACCOUNT = 'test_account_id';
export const DOCUMENTED_DEFINITION = '5870442f-3ddd-4657-b74c-6e17308f5230';
export const AUTH = { Authorization: 'Bearer contract-tests' };
export { examples, schemaId };

export type Instance = {
  workflowId: string;
  status: string;
  startedAt: string;
  completedAt: string | null;
  version: number;
  definitionId: string;
  data: Record<string, unknown>;
  logs?: unknown[];
};

export const definitionsPath = (account = ACCOUNT) => `/api/v1/accounts/${account}/definitions`;
export const workflowsPath = (definition = DOCUMENTED_DEFINITION, account = ACCOUNT) => `${definitionsPath(account)}/${definition}/workflows`;

export async function listPage(target: Target, query: Record<string, string | number>, definition = DOCUMENTED_DEFINITION): Promise<Instance[]> {
  const res = await target.get(workflowsPath(definition)).query(query).set(AUTH);
  expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(200);
  expectSchema(schemaId('workflow-instance-list.json'), res.body);
  return res.body as Instance[];
}

/** Every workflow of a query, paging with `limit` until a short page. */
export async function listAll(
  target: Target,
  query: Record<string, string | number> = {},
  limit = 500,
  definition = DOCUMENTED_DEFINITION,
): Promise<Instance[]> {
  const all: Instance[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await listPage(target, { ...query, limit, offset }, definition);
    all.push(...page);
    if (page.length < limit) return all;
  }
}
