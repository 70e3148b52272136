import { describe, expect, it } from 'vitest';
import type { Operation } from '../engine/pack.ts';
import type { DocOperation } from './document.ts';
import { matchOperations, normalisePath } from './match.ts';

const doc = (method: string, fullPath: string): DocOperation => ({ method, path: fullPath, fullPath, parameters: [], responses: {} });
const op = (id: string, method: Operation['method'], path: string, mockOnly = false) =>
  ({ id, method, path, summary: id, responses: {}, ...(mockOnly ? { mockOnly } : {}) }) as unknown as Operation;

describe('matching document operations to pack operations', () => {
  it('matches on method and path whatever the parameter names', () => {
    const result = matchOperations([doc('GET', '/api/workflow/runs/{workflow-id}')], [op('getWorkflowRun', 'GET', '/api/workflow/runs/{id}')]);
    expect(result.matched.map((m) => m.operation.id)).toEqual(['getWorkflowRun']);
    expect(result.documentOnly).toEqual([]);
    expect(result.packOnly).toEqual([]);
  });

  it('does not match another method on the same path', () => {
    const result = matchOperations([doc('PUT', '/runs/{id}')], [op('patchRun', 'PATCH', '/runs/{id}')]);
    expect(result.documentOnly.map((d) => d.method)).toEqual(['PUT']);
    expect(result.packOnly.map((o) => o.id)).toEqual(['patchRun']);
  });

  it('never lists a mock-only operation as missing from the document', () => {
    const result = matchOperations([], [op('download', 'GET', '/files/{id}', true), op('listRuns', 'GET', '/runs')]);
    expect(result.packOnly.map((o) => o.id)).toEqual(['listRuns']);
  });

  it('ignores a trailing slash', () => {
    expect(normalisePath('/runs/{id}/')).toBe('/runs/{}');
    expect(normalisePath('/')).toBe('/');
  });
});
