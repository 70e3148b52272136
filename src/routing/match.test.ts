import { describe, expect, it } from 'vitest';
import { compileRoutes, matchRoute } from './match.ts';

const table = compileRoutes([
  { method: 'GET', path: '/defs/{id}', payload: 'getDef' },
  { method: 'DELETE', path: '/defs/{id}', payload: 'deleteDef' },
  { method: 'GET', path: '/defs/latest', payload: 'latest' },
  { method: 'GET', path: '/defs/{id}/runs/{runId}', payload: 'getRun' },
  { method: 'PUT', path: '/runs{runId}/status', payload: 'typoPath' },
  { method: 'PUT', path: '/runs/{runId}/status', payload: 'status' },
]);

describe('matchRoute', () => {
  it('binds path parameters by name', () => {
    expect(matchRoute(table, 'GET', '/defs/abc/runs/42')).toEqual({ kind: 'match', payload: 'getRun', params: { id: 'abc', runId: '42' } });
  });

  it('prefers a literal segment over a parameter', () => {
    expect(matchRoute(table, 'GET', '/defs/latest')).toMatchObject({ payload: 'latest' });
  });

  it('decodes percent-encoded parameters', () => {
    expect(matchRoute(table, 'GET', '/defs/a%20b')).toMatchObject({ params: { id: 'a b' } });
  });

  it('treats a malformed percent-encoding as no match', () => {
    expect(matchRoute(table, 'GET', '/defs/%E0%A4%A')).toEqual({ kind: 'notFound' });
  });

  it('reports the allowed methods when only the method differs', () => {
    expect(matchRoute(table, 'POST', '/defs/abc')).toEqual({ kind: 'methodNotAllowed', allow: ['DELETE', 'GET'] });
  });

  it('answers HEAD with the GET route', () => {
    expect(matchRoute(table, 'HEAD', '/defs/abc')).toMatchObject({ payload: 'getDef' });
  });

  it('matches a segment that mixes a literal prefix and a parameter', () => {
    expect(matchRoute(table, 'PUT', '/runs94bc/status')).toEqual({ kind: 'match', payload: 'typoPath', params: { runId: '94bc' } });
    expect(matchRoute(table, 'PUT', '/runs/94bc/status')).toMatchObject({ payload: 'status' });
  });

  it('does not match a prefix segment with an empty parameter', () => {
    expect(matchRoute(table, 'PUT', '/runs/status')).toEqual({ kind: 'notFound' });
  });

  it('returns notFound for unknown paths', () => {
    expect(matchRoute(table, 'GET', '/nothing/here')).toEqual({ kind: 'notFound' });
  });
});
