import { describe, expect, it } from 'vitest';
import type { Json } from '../core/json.ts';
import { readDocument } from './document.ts';
import type { ConsoleView } from '../engine/pack.ts';
import { consolePathValues, fill, idFromList, pathParameterNames, resolveTargets } from './targets.ts';

const document = readDocument({
  openapi: '3.0.0',
  servers: [{ url: 'https://x.example/api' }],
  paths: {
    '/accounts/{accountId}/runs/{runId}/errors': {
      get: {
        parameters: [
          { name: 'accountId', in: 'path', required: true, schema: { type: 'string', example: 'acc-1' } },
          { name: 'runId', in: 'path', required: true, schema: { type: 'string', example: 'run-stale' } },
        ],
        responses: {},
      },
    },
    '/accounts/{accountId}': { get: { responses: {} } },
    '/accounts/{accountId}/runs': { get: { responses: {} } },
    '/accounts/{accountId}/runs/{runId}': { get: { responses: {} } },
  },
});
const [operation] = document.operations;
if (!operation) throw new Error('the test document has an operation');

function server(answers: Record<string, { status: number; body?: Json }>) {
  const asked: string[] = [];
  return {
    asked,
    get: async (path: string) => {
      asked.push(path);
      return answers[path] ?? { status: 404, body: undefined };
    },
  };
}

describe('path parameter targets', () => {
  it('takes --param first', async () => {
    const { get, asked } = server({});
    expect(await resolveTargets(operation, document, { accountId: 'mine', runId: 'r9' }, get)).toEqual({ accountId: 'mine', runId: 'r9' });
    expect(asked).toEqual([]);
  });

  it('takes the example when a GET on it answers 2xx', async () => {
    const { get } = server({ '/api/accounts/acc-1': { status: 200 }, '/api/accounts/acc-1/runs/run-stale': { status: 200 } });
    expect(await resolveTargets(operation, document, {}, get)).toEqual({ accountId: 'acc-1', runId: 'run-stale' });
  });

  it('does not take an example whose GET answers an empty list', async () => {
    const { get } = server({
      '/api/accounts/acc-1/runs/run-stale': { status: 200, body: [] },
      '/api/accounts/acc-1/runs': { status: 200, body: [{ runId: 'run-3' }] },
    });
    expect((await resolveTargets(operation, document, {}, get))['runId']).toBe('run-3');
  });

  it('reads an id from the parent collection when the example is gone', async () => {
    const { get, asked } = server({ '/api/accounts/acc-1/runs': { status: 200, body: { data: [{ run_id: 'run-7' }, { run_id: 'run-8' }] } } });
    expect(await resolveTargets(operation, document, {}, get)).toEqual({ accountId: 'acc-1', runId: 'run-7' });
    expect(asked).toContain('/api/accounts/acc-1/runs/run-stale');
  });

  it('calls only GET operations the document has', async () => {
    const bare = readDocument({
      openapi: '3.0.0',
      paths: {
        '/runs/{runId}/stop': {
          post: { parameters: [{ name: 'runId', in: 'path', required: true, schema: { type: 'string', example: 'r1' } }], responses: {} },
        },
      },
    });
    const { get, asked } = server({ '/runs': { status: 200, body: [{ id: 'r2' }] } });
    const [only] = bare.operations;
    if (!only) throw new Error('the bare document has an operation');
    expect(await resolveTargets(only, bare, {}, get)).toEqual({ runId: 'r1' });
    expect(asked).toEqual([]);
  });

  it('falls back to the example as it is', async () => {
    const { get } = server({});
    expect(await resolveTargets(operation, document, {}, get)).toEqual({ accountId: 'acc-1', runId: 'run-stale' });
  });

  it("takes a known value (our mock's console) only for a parameter the document gives no example", async () => {
    const plain = readDocument({
      openapi: '3.0.0',
      paths: {
        '/repos/{owner}/{repo}/runs/{runId}': {
          get: {
            parameters: ['owner', 'repo', 'runId'].map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
            responses: {},
          },
        },
        '/repos/{owner}/{repo}/runs': { get: { responses: {} } },
      },
    });
    const [first] = plain.operations;
    if (!first) throw new Error('the plain document has an operation');
    const { get } = server({ '/repos/octo/hello/runs': { status: 200, body: { runs: [{ id: 42 }] } } });
    expect(await resolveTargets(first, plain, {}, get, { owner: 'octo', repo: 'hello' })).toEqual({ owner: 'octo', repo: 'hello', runId: '42' });
    expect(await resolveTargets(operation, document, {}, server({}).get, { accountId: 'console-account' })).toMatchObject({ accountId: 'acc-1' });
  });
});

describe('console path values', () => {
  it("are the fixed path values of a console's calls, the first one per name, never a run's own fields", () => {
    const view: ConsoleView = {
      noun: 'run',
      collection: 'runs',
      headers: {},
      list: { operation: 'list', params: { owner: { value: 'octo' }, repo: { value: 'hello' } }, filters: [] },
      fields: { id: 'id', status: 'status', title: 'name', since: [] },
      detail: { operation: 'get', params: { owner: { value: 'octo' }, repo: { value: 'hello' }, run_id: { field: 'id' } } },
      commands: { kind: 'machine', calls: { cancel: { operation: 'cancel', params: { owner: { field: 'repository.owner.login' }, tag: { value: 'v1' } } } } },
    };
    expect(consolePathValues(view)).toEqual({ owner: 'octo', repo: 'hello', tag: 'v1' });
    expect(consolePathValues(undefined)).toEqual({});
  });
});

describe('ids from a list', () => {
  it('takes the first array breadth first, the field named like the parameter', () => {
    expect(idFromList({ meta: { tags: ['x'] }, workflow_sessions: [{ id: 'a', workflowId: 'w' }] }, 'workflow-id')).toBe('w');
  });

  it('falls back to id, and reads a bare array', () => {
    expect(idFromList([{ id: 'a' }], 'sessionId')).toBe('a');
    expect(idFromList(['s1'], 'x')).toBe('s1');
    expect(idFromList({ data: [] }, 'x')).toBeUndefined();
  });
});

describe('paths', () => {
  it('lists and fills parameters', () => {
    expect(pathParameterNames('/a/{x}/b/{y-z}')).toEqual(['x', 'y-z']);
    expect(fill('/a/{x}/b/{y}', { x: 'a b' })).toBe('/a/a%20b/b/{y}');
  });
});
