import { describe, expect, it } from 'vitest';
import { consoleLine, resolveAdminToken } from './admin-token.ts';
import { guard, TOKEN_COOKIE } from './admin.ts';

describe('resolveAdminToken', () => {
  it('draws a fresh token for random and keeps a given one', () => {
    expect(resolveAdminToken('random', () => 'drawn')).toBe('drawn');
    expect(resolveAdminToken('s3cret', () => 'drawn')).toBe('s3cret');
    expect(resolveAdminToken(undefined, () => 'drawn')).toBeUndefined();
  });

  it('draws a different url-safe token at each start', () => {
    const [a, b] = [resolveAdminToken('random'), resolveAdminToken('random')];
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a).not.toBe(b);
  });
});

describe('consoleLine', () => {
  it('gives the console URL with the token that opens it', () => {
    expect(consoleLine('http://0.0.0.0:4010', 'a b')).toContain('http://0.0.0.0:4010/__admin/ui?token=a%20b');
  });

  it('says the console answers loopback only without a token', () => {
    expect(consoleLine('http://127.0.0.1:4010', undefined)).toMatch(/\/__admin\/ui {2}\(loopback callers only/);
  });
});

describe('the admin guard with a token, for a caller on the container bridge (not loopback)', () => {
  const fake = (headers: Record<string, string>, path = '/faults') =>
    ({ socket: { remoteAddress: '172.18.0.1' }, headers, method: 'GET', path, query: {}, baseUrl: '/__admin' }) as never;
  const check = (token: string | undefined, headers: Record<string, string>) => {
    const answers: number[] = [];
    let passed = false;
    const res = { status: (code: number) => ({ json: () => answers.push(code) }) } as never;
    guard(token)(fake(headers), res, () => {
      passed = true;
    });
    return passed ? 'passed' : answers[0];
  };

  it('lets the bearer, the header or the console cookie through, and nothing else', () => {
    expect(check('tok', { authorization: 'Bearer tok' })).toBe('passed');
    expect(check('tok', { 'x-admin-token': 'tok' })).toBe('passed');
    expect(check('tok', { cookie: `${TOKEN_COOKIE}=tok` })).toBe('passed');
    expect(check('tok', { authorization: 'Bearer nope' })).toBe(401);
    expect(check('tok', {})).toBe(401);
    expect(check(undefined, { authorization: 'Bearer tok' })).toBe(403);
  });
});
