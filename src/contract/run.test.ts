import { describe, expect, it } from 'vitest';
import { sessionCookie } from './run.ts';

describe('session cookie', () => {
  it('takes the session cookie the pack names from a Set-Cookie header', () => {
    expect(sessionCookie('SID=abc123; Path=/; HttpOnly', ['SID'])).toBe('SID=abc123');
  });

  it('finds it among several joined headers, past an Expires date with a comma', () => {
    const header = 'theme=dark; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/, token=xyz; Path=/';
    expect(sessionCookie(header, ['session', 'token'])).toBe('token=xyz');
  });

  it('ignores cookies the pack does not name, empty values, and packs without a session', () => {
    expect(sessionCookie('theme=dark; Path=/', ['SID'])).toBeUndefined();
    expect(sessionCookie('SID=; Path=/', ['SID'])).toBeUndefined();
    expect(sessionCookie('SID=abc', [])).toBeUndefined();
    expect(sessionCookie(undefined, ['SID'])).toBeUndefined();
  });
});
