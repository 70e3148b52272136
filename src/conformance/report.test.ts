import { describe, expect, it } from 'vitest';
import { conformanceJunit, formatConformance, hasDrift } from './report.ts';
import type { ConformanceReport, RequestResult } from './run.ts';

const result = (over: Partial<RequestResult>): RequestResult => ({
  method: 'GET',
  path: '/api/runs',
  operationId: 'list-runs',
  packOperation: 'listRuns',
  kind: 'example',
  label: 'parameter examples',
  status: 200,
  verdict: 'pass',
  findings: [],
  curl: "curl -sS -X GET 'http://127.0.0.1:1/api/runs'",
  ...over,
});

const report: ConformanceReport = {
  api: 'demo',
  spec: 'demo.yaml',
  version: '3.0',
  documentOnly: [{ method: 'GET', path: '/api/segments', operationId: 'list-segment' }],
  packOnly: [{ method: 'GET', path: '/api/own', id: 'ownThing' }],
  unsent: [{ method: 'PUT', path: '/api/xml-only' }],
  results: [
    result({}),
    result({
      label: 'generated 1',
      kind: 'generated',
      verdict: 'drift',
      findings: [{ pointer: '/data/0/ended_at', rule: 'type', message: 'must be string', actual: null, verdict: 'drift' }],
    }),
    result({
      status: 409,
      method: 'POST',
      path: '/api/runs/{id}/stop',
      verdict: 'note',
      findings: [{ pointer: '', rule: 'conflict', message: 'refused', verdict: 'refused-by-state' }],
    }),
  ],
};

describe('the conformance report', () => {
  it('lists what each side lacks', () => {
    const text = formatConformance(report);
    expect(text).toContain('does not implement (1):\n  GET /api/segments  (list-segment)');
    expect(text).toContain('the document lacks (1):\n  GET /api/own  (ownThing)');
    expect(text).toContain('no example) (1):\n  PUT /api/xml-only');
  });

  it('prints one line per operation and status, drift with pointer, rule, actual value and curl', () => {
    const text = formatConformance(report);
    expect(text).toContain('DRIFT GET /api/runs 200  [list-runs = listRuns]  (2 requests, 1 drift)');
    expect(text).toContain('at /data/0/ended_at: must be string (rule type)\n          actual: null');
    expect(text).toContain("reproduce: curl -sS -X GET 'http://127.0.0.1:1/api/runs'");
    expect(text).toContain('NOTE  POST /api/runs/{id}/stop 409  [list-runs = listRuns]  (1 request; notes: refused-by-state x1)');
    expect(text).toMatch(
      /conformance demo: 3 requests, 1 passed, 1 drift, 1 with notes; 1 document operations not implemented, 1 pack operations not in the document$/,
    );
  });

  it('says whether anything drifted', () => {
    expect(hasDrift(report)).toBe(true);
    expect(hasDrift({ ...report, results: [result({})] })).toBe(false);
  });

  it('writes JUnit with a failure per drifting request, notes as output, missing operations skipped', () => {
    const xml = conformanceJunit([report]);
    expect(xml).toContain('<testsuite name="demo: demo.yaml" tests="6" failures="1" skipped="3">');
    expect(xml).toContain('<failure message="/data/0/ended_at: must be string (rule type)">');
    expect(xml).toContain('note refused-by-state');
    expect(xml).toContain('<skipped message="in the document, not implemented by the pack"/>');
  });
});
