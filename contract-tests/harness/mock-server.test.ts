import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';

const DEFINITION = '5870442f-3ddd-4657-b74c-6e17308f5230';

describe('in-process harness for client tests', () => {
  let mock: MockServer;

  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(async () => {
    await mock.stop();
  });
  beforeEach(async () => {
    await mock.reset();
  });

  it('serves every API on a free loopback port', async () => {
    expect(mock.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${mock.url('8x8')}/api/v1/accounts/test_account_id/definitions/${DEFINITION}/workflows?limit=1`, {
      headers: { authorization: 'Bearer t' },
    });
    expect(res.status).toBe(200);
    mock.assertNoViolations();
  });

  it('names the field and rule when a client sends a wrong field name', async () => {
    // 8x8's vendor schema accepts unknown fields (issue 15), so Twinit's strict status body shows the rule.
    await fetch(`${mock.url('twinit')}/workflowsvc/api/v1/workflows/94bcf41e-8d05-4011-a64b-d5a5164b0155/status?nsfilter=first_tchgt1VU`, {
      method: 'PUT',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ _state: 'PAUSED' }),
    });
    expect(() => mock.assertNoViolations()).toThrow(/body field '_state' is not allowed \(body _state, rule additionalProperties/);
    expect(() => mock.assertNoViolations()).toThrow(/body field '_status' is required \(body _status, rule required/);
  });

  it('names the field and rule when a client sends a wrong type', async () => {
    await fetch(`${mock.url('twinit')}/workflowsvc/api/v1/workflows?nsfilter=first_tchgt1VU`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ _workflowDefId: 824 }),
    });
    expect(() => mock.assertNoViolations()).toThrow(/body field '_workflowDefId' must be string \(body _workflowDefId, rule type/);
  });

  it('names a missing header: authentication and the tenant', async () => {
    await fetch(`${mock.url('amperity')}/api/workflow/runs?api_version=2024-04-01`, { headers: { 'amperity-tenant': 'acme' } });
    await fetch(`${mock.url('amperity')}/api/workflow/runs?api_version=2024-04-01`, { headers: { authorization: 'Bearer t' } });
    const lines = (() => {
      try {
        mock.assertNoViolations();
        return '';
      } catch (error) {
        return String(error);
      }
    })();
    expect(lines).toMatch(/header authorization, rule auth/);
    expect(lines).toMatch(/header 'amperity-tenant' is required \(header amperity-tenant, rule required/);
  });

  it('names a bad enum value and a mis-encoded deepObject query', async () => {
    await fetch(`${mock.url('nerm')}/api/workflow_sessions?query.limit=5&status=pending_approval`, { headers: { authorization: 'Bearer t' } });
    const lines = (() => {
      try {
        mock.assertNoViolations();
        return '';
      } catch (error) {
        return String(error);
      }
    })();
    expect(lines).toMatch(/query parameter 'query\.limit' is not defined for this operation \(query query\.limit, rule unknownParameter\)/);
    expect(lines).toMatch(/query parameter 'status' must be one of: .*pending approval.* \(query status, rule enum/);
  });

  it('reports the operations a client never touched', async () => {
    await fetch(`${mock.url('nerm')}/api/workflow_sessions?limit=1`, { headers: { authorization: 'Bearer t' } });
    const nerm = mock.coverage().find((api) => api.api === 'nerm');
    expect(nerm?.untouched).toEqual([
      'createWorkflowSession',
      'getWorkflowSession',
      'updateWorkflowSession',
      'getWorkflowSessionUpload',
      'submitWorkflowSessionUpload',
    ]);
    expect(mock.formatCoverage()).toMatch(/nerm: 1\/6 operations exercised/);
  });

  it('starts over on reset: state and journal', async () => {
    await fetch(`${mock.url('8x8')}/api/v1/accounts/test_account_id/definitions/${DEFINITION}/workflows`, {
      method: 'POST',
      headers: { authorization: 'Bearer t' },
    });
    expect(mock.requests()).toHaveLength(1);
    await mock.reset();
    expect(mock.requests()).toEqual([]);
  });
});

describe('OpenAPI documents served by the mock', () => {
  it("serves each API's document at /{api}/openapi.json, equal to the committed file", async () => {
    const { readFileSync } = await import('node:fs');
    const mock = await startMockServer();
    try {
      for (const api of allPacks.map((pack) => pack.id)) {
        const res = await fetch(`${mock.url(api)}/openapi.json`);
        expect(res.status).toBe(200);
        const committed = JSON.parse(readFileSync(new URL(`../../openapi/${api}.json`, import.meta.url), 'utf8'));
        expect(await res.json()).toEqual(committed);
      }
    } finally {
      await mock.stop();
    }
  });
});
