import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { testMock } from '../../src/assemble.ts';
import { guard } from '../../src/http/admin.ts';
import { createApp } from '../../src/http/create-app.ts';

const AUTH = { Authorization: 'Bearer t' };
const LIST = '/8x8/api/v1/accounts/test_account_id/definitions/5870442f-3ddd-4657-b74c-6e17308f5230/workflows';

function app(adminToken?: string) {
  const { engine, admin } = testMock();
  return request(createApp({ engine, admin, ...(adminToken ? { adminToken } : {}) }));
}

describe('control API: journal, violations, coverage, reset', () => {
  it('records each request with its operation, status and client', async () => {
    const server = app();
    await server.get(`${LIST}?limit=2`).set(AUTH).set('X-Mock-Client', 'billing-service');
    const res = await server.get('/__admin/requests');
    expect(res.body.requests).toMatchObject([
      { api: '8x8', operation: 'listWorkflowInstances', method: 'GET', status: 200, client: 'billing-service', violations: [] },
    ]);
  });

  it('lists violations naming the field and the schema rule, filterable by api and client', async () => {
    const server = app();
    await server.get(`${LIST}?status=Running&colour=blue`).set(AUTH).set('X-Mock-Client', 'bad-client');
    await server.get(`${LIST}?limit=1`).set(AUTH).set('X-Mock-Client', 'good-client');
    const res = await server.get('/__admin/violations?client=bad-client');
    expect(res.body.violations).toEqual([
      expect.objectContaining({ location: 'query', field: 'colour', rule: 'unknownParameter' }),
      expect.objectContaining({
        location: 'query',
        field: 'status',
        rule: 'enum',
        message: expect.stringMatching(/status' must be one of: Runnable/),
        schemaPath: expect.stringContaining('enum'),
      }),
    ]);
    expect((await server.get('/__admin/violations?client=good-client')).body.violations).toEqual([]);
    expect((await server.get('/__admin/violations?api=nerm')).body.violations).toEqual([]);
  });

  it('reports which operations, parameters and statuses a client exercised', async () => {
    const server = app();
    await server.get(`${LIST}?limit=2&status=Complete`).set(AUTH);
    await server.get(`${LIST}/nope`).set(AUTH);
    const res = await server.get('/__admin/coverage?api=8x8');
    const [api] = res.body.coverage;
    const list = api.operations.find((o: { operation: string }) => o.operation === 'listWorkflowInstances');
    expect(list).toMatchObject({
      calls: 1,
      statusesSeen: [200],
      parametersUsed: ['limit', 'status'],
      parametersMissed: ['offset', 'version', 'startTimeFrom', 'startTimeTo'],
    });
    expect(api.untouched).toContain('startWorkflowInstance');
    expect(api.untouched).not.toContain('getWorkflowInstance');
    const text = await server.get('/__admin/coverage?api=8x8&format=text');
    expect(text.text).toMatch(/^8x8: 2\/13 operations exercised/);
    expect(text.text).toMatch(/never {2}POST \/api\/v1\/accounts\/\{accountId\}\/definitions\/\{definitionId\}\/workflows/);
  });

  it('resets one API to its seeded state and clears its journal', async () => {
    const server = app();
    await server.post(LIST).set(AUTH).send({});
    const before = await server.get(`${LIST}?limit=1`).set(AUTH);
    expect((await server.post('/__admin/reset?api=8x8')).body).toEqual({ reset: ['8x8'], session: 'all' });
    const after = await server.get(`${LIST}?limit=1`).set(AUTH);
    expect(after.body[0].workflowId).not.toBe(before.body[0].workflowId);
    expect((await server.get('/__admin/requests?api=8x8')).body.requests).toHaveLength(1);
    expect((await server.post('/__admin/reset?api=nope')).status).toBe(404);
  });

  it('requires the admin token when one is set, and a wrong token changes nothing', async () => {
    const server = app('s3cret');
    await server.post(LIST).set(AUTH).send({});
    const created = (await server.get(`${LIST}?limit=1`).set(AUTH)).body[0].workflowId;
    expect((await server.post('/__admin/reset').set('Authorization', 'Bearer wrong')).status).toBe(401);
    expect((await server.get('/__admin/requests')).status).toBe(401);
    expect((await server.get(`${LIST}?limit=1`).set(AUTH)).body[0].workflowId).toBe(created);
    expect((await server.get('/__admin/requests').set('X-Admin-Token', 's3cret')).status).toBe(200);
    expect((await server.post('/__admin/reset').set('Authorization', 'Bearer s3cret')).status).toBe(200);
  });

  it('answers health without a token, naming every mounted API', async () => {
    expect((await app('s3cret').get('/__admin/health')).body).toEqual({ status: 'ok', apis: allPacks.map((pack) => pack.id) });
  });

  it('refuses callers off loopback without a token', () => {
    const responses: number[] = [];
    const fake = (remoteAddress: string) => ({ socket: { remoteAddress }, headers: {} }) as never;
    const res = { status: (code: number) => ({ json: () => responses.push(code) }) } as never;
    let passed = 0;
    guard(undefined)(fake('10.1.2.3'), res, () => passed++);
    guard(undefined)(fake('::ffff:127.0.0.1'), res, () => passed++);
    expect(responses).toEqual([403]);
    expect(passed).toBe(1);
  });
});
