import { describe, expect, it } from 'vitest';
import { targetFor } from '../support/target.ts';
import { AUTH, definitionsPath, DOCUMENTED_DEFINITION, examples, expectError, workflowsPath } from './support.ts';

const anyWorkflow = examples.workflowList[0]?.workflowId ?? '';

/** Every 8x8 operation once, for checks that hold across all of them. */
const OPERATIONS: { name: string; method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: string; body?: object }[] = [
  { name: 'list workflows', method: 'get', path: workflowsPath() },
  { name: 'get workflow', method: 'get', path: `${workflowsPath()}/${anyWorkflow}` },
  { name: 'start workflow', method: 'post', path: workflowsPath(), body: {} },
  { name: 'command workflow', method: 'patch', path: `${workflowsPath()}/${anyWorkflow}`, body: { status: 'suspend' } },
  { name: 'workflow errors', method: 'get', path: `${workflowsPath()}/${anyWorkflow}/errors` },
  { name: 'list definitions', method: 'get', path: definitionsPath() },
  { name: 'create definition', method: 'post', path: definitionsPath(), body: { trigger: 'http_request', definition: { name: 'x', steps: [] } } },
  { name: 'definition versions', method: 'get', path: `${definitionsPath()}/${DOCUMENTED_DEFINITION}` },
  {
    name: 'new definition version',
    method: 'put',
    path: `${definitionsPath()}/${DOCUMENTED_DEFINITION}`,
    body: { trigger: 'http_request', definition: { name: 'x', steps: [] } },
  },
  { name: 'delete definition', method: 'delete', path: `${definitionsPath()}/${DOCUMENTED_DEFINITION}` },
];

describe('8x8 authentication and generic errors', () => {
  it.each(OPERATIONS)('$name without Authorization is 401 code 1200', async ({ method, path, body }) => {
    const target = targetFor('8x8');
    const request = target[method](path);
    expectError(await (body ? request.send(body) : request), 401, 1200);
  });

  it.each([['Basic dXNlcjpwYXNz'], ['Bearer'], ['Bearer '], ['Token token=abc'], ['bearer']])('refuses Authorization %j with 401 code 1200', async (header) => {
    const target = targetFor('8x8');
    expectError(await target.get(workflowsPath()).set('Authorization', header), 401, 1200);
  });

  it('accepts any non-empty bearer token, whatever the case of the scheme', async () => {
    const target = targetFor('8x8');
    expect((await target.get(workflowsPath()).set('Authorization', 'bearer some-api-key')).status).toBe(200);
  });

  it('checks authentication before parameters', async () => {
    const target = targetFor('8x8');
    expectError(await target.get(workflowsPath('not-a-uuid')), 401, 1200);
  });

  it('answers an unknown path with 404 code 1000', async () => {
    const target = targetFor('8x8');
    expectError(await target.get('/api/v1/accounts/test_account_id/nothing-here').set(AUTH), 404, 1000, 'Resource not found.');
    expectError(await target.get('/api/v2/accounts').set(AUTH), 404, 1000);
  });

  it('answers a known path with the wrong method with 405, an Allow header and code 1000', async () => {
    const target = targetFor('8x8');
    const res = await target.delete(workflowsPath()).set(AUTH);
    expectError(res, 405, 1000, 'Method DELETE is not allowed on this resource.');
    expect(res.headers['allow']).toBe('GET, POST');
  });

  it('answers HEAD like GET without a body', async () => {
    const target = targetFor('8x8');
    const res = await target.head(workflowsPath()).set(AUTH);
    expect(res.status).toBe(200);
    expect(res.text ?? '').toBe('');
  });

  it('gives every error a fresh uuid errorId', async () => {
    const target = targetFor('8x8');
    const first = await target.get(workflowsPath('bad')).set(AUTH);
    const second = await target.get(workflowsPath('bad')).set(AUTH);
    expect(first.body.errorId).not.toBe(second.body.errorId);
  });

  it('refuses path segments with traversal, NUL bytes and very long ids without a server error', async () => {
    const target = targetFor('8x8');
    for (const path of [
      `${workflowsPath()}/..%2F..%2Fetc%2Fpasswd`,
      `${workflowsPath()}/%00`,
      `${workflowsPath()}/${'a'.repeat(5000)}`,
      `${workflowsPath()}/%E0%A4%A`,
    ]) {
      const res = await target.get(path).set(AUTH);
      expect([400, 404]).toContain(res.status);
      expect(res.body.code === 1000 || res.body.code === 1300).toBe(true);
    }
  });

  it('keeps serving after a request it refused', async () => {
    const target = targetFor('8x8');
    await target.post(workflowsPath()).set(AUTH).set('Content-Type', 'application/json').send('{');
    expect((await target.get(workflowsPath()).query({ limit: 1 }).set(AUTH)).status).toBe(200);
  });
});
