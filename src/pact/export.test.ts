import { expect, it } from 'vitest';
import { pack8x8 } from '../../mocks/8x8/index.ts';
import type { JsonObject } from '../core/json.ts';
import type { JournalEntry } from '../journal/journal.ts';
import { exportPact } from './export.ts';

// The exporter's rules (export.ts): values the request said and the record's state stay exact, every other value the
// mock made gets a type matcher, and the interaction names the state the record was in before the request.

const WORKFLOWS = '/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows';

function read(path: string, body: JsonObject): JournalEntry {
  return {
    seq: 1,
    at: '2026-01-01T00:00:00.000Z',
    api: '8x8',
    operation: 'getWorkflowInstance',
    method: 'GET',
    path: `/8x8${path}`,
    query: [],
    status: 200,
    client: 'shop',
    violations: [],
    exchange: {
      session: 'default',
      requestHeaders: { authorization: 'Bearer t', 'x-mock-client': 'shop' },
      responseHeaders: { 'content-type': 'application/json' },
      responseBody: body,
    },
  };
}

const body = {
  workflowId: 'w1',
  definitionId: '5870442f-3ddd-4657-b74c-6e17308f5230',
  status: 'Runnable',
  startedAt: '2026-01-01T00:00:00Z',
};

it('keeps echoed values and the state exact and matches generated ones by type', () => {
  const exported = exportPact([pack8x8], [read(`${WORKFLOWS}/w1`, body)], { client: 'shop' });
  if (!exported.ok) throw new Error(exported.error);
  const [interaction] = exported.value['interactions'] as JsonObject[];
  if (!interaction) throw new Error('no interaction');
  const response = interaction['response'] as JsonObject;
  expect((response['matchingRules'] as JsonObject)['body']).toEqual({ '$.startedAt': { matchers: [{ match: 'type' }] } });
  expect((interaction['request'] as JsonObject)['headers']).toEqual({ authorization: 'Bearer t' });
  expect(interaction['providerStates']).toEqual([
    {
      name: 'an 8x8 workflow instance {workflowId} is {status}',
      params: expect.objectContaining({ definitionId: body.definitionId, workflowId: 'w1', status: 'Runnable' }),
    },
  ]);
});

it('exports a request whose path is not valid percent-encoding instead of failing', () => {
  const exported = exportPact([pack8x8], [read(`${WORKFLOWS}/%E0%A4%A`, body)], { client: 'shop' });
  expect(exported.ok).toBe(true);
});

it('asks for the client, and for one API when the client called several', () => {
  expect(exportPact([pack8x8], [], {}).ok).toBe(false);
  const other = { ...read(`${WORKFLOWS}/w1`, body), api: 'nerm' };
  const exported = exportPact([pack8x8], [read(`${WORKFLOWS}/w1`, body), other], { client: 'shop' });
  expect(!exported.ok && exported.error).toMatch(/called 8x8, nerm; name one with &api=ID/);
});
