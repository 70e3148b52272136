import { describe, expect, it } from 'vitest';
import { decodeCursor, digest, encodeCursor } from './cursor.ts';

const payload = { position: { values: ['2026-01-01T00:00:00Z', null], seq: 42 }, query: digest({ state: 'failed' }), epoch: 'e1' };

describe('page cursor', () => {
  it('round-trips its payload', () => {
    expect(decodeCursor(encodeCursor(payload, 'secret'), 'secret')).toEqual({ ok: true, value: payload });
  });

  it('is refused when signed with another secret', () => {
    expect(decodeCursor(encodeCursor(payload, 'secret'), 'other')).toEqual({ ok: false, error: 'forged' });
  });

  it('is refused when its body is edited', () => {
    const [body, signature] = encodeCursor(payload, 'secret').split('.');
    const edited = Buffer.from(
      Buffer.from(body ?? '', 'base64url')
        .toString()
        .replace('42', '43'),
    ).toString('base64url');
    expect(decodeCursor(`${edited}.${signature}`, 'secret')).toEqual({ ok: false, error: 'forged' });
  });

  it('is refused when it is not a token at all', () => {
    expect(decodeCursor('ABCd1fghIJk2l3M', 'secret')).toEqual({ ok: false, error: 'malformed' });
    expect(decodeCursor('', 'secret')).toEqual({ ok: false, error: 'malformed' });
    expect(decodeCursor('a.b.c', 'secret')).toEqual({ ok: false, error: 'malformed' });
  });

  it('digests equal queries equally whatever the key order', () => {
    expect(digest({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(digest({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(digest({ a: 1 })).not.toBe(digest({ a: 2 }));
  });
});
