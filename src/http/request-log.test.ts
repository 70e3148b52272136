import { describe, expect, it } from 'vitest';
import { requestLine } from './request-log.ts';

describe('request log lines', () => {
  it('is one JSON line with the fields, pino level and time, and a readable message', () => {
    const line = requestLine({ method: 'GET', path: '/acme/api/v1/x', status: 200, ms: 1.2345 }, new Date('2026-11-23T01:02:03.004Z'));
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      level: 30,
      time: '2026-11-23T01:02:03.004Z',
      method: 'GET',
      path: '/acme/api/v1/x',
      status: 200,
      ms: 1.2,
      msg: 'GET /acme/api/v1/x 200 1.2ms',
    });
  });

  it('stays valid JSON on one line whatever the path holds', () => {
    const path = '/a"b\\c\nd\u2028e';
    const line = requestLine({ method: 'GET', path, status: 404, ms: 0 }, new Date(0));
    expect(line.split('\n')).toHaveLength(2);
    expect((JSON.parse(line) as { path: string }).path).toBe(path);
  });
});
