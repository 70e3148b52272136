import { describe, expect, it } from 'vitest';
import { csv, downloadHeaders, downloadUrl, linkProblem, readToken } from './attachments.ts';

const ATTACHMENT = {
  session_id: 'db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e',
  attribute_id: '7d2f0c4e-9b1a-4c3e-8f6d-2a5b9e0c1d47',
  key: '0123456789abcdef0123456789abcdef',
};
const WHERE = { origin: 'http://127.0.0.1:4010', base: '/nerm', session: 'qa-1' };
const ISSUED = Date.parse('2026-11-01T00:00:00.000Z');

const tokenOf = (url: string) => url.split('/').at(-1) ?? '';

describe('NERM attachment links', () => {
  it("points at this server, in the caller's session, with a token naming the session, attribute and expiry", () => {
    const url = downloadUrl(WHERE, ATTACHMENT, ISSUED);
    expect(url).toMatch(
      /^http:\/\/127\.0\.0\.1:4010\/nerm\/__attachments\/qa-1\/db6f8e8b-65c2-47d5-a0db-90bcc4e9df9e\.7d2f0c4e-9b1a-4c3e-8f6d-2a5b9e0c1d47\.\d+\.[0-9a-f]{64}$/,
    );
    expect(readToken(tokenOf(url))).toMatchObject({ sessionId: ATTACHMENT.session_id, attributeId: ATTACHMENT.attribute_id, expires: ISSUED / 1000 + 3600 });
  });

  it('is good until an hour after it was issued', () => {
    const link = readToken(tokenOf(downloadUrl(WHERE, ATTACHMENT, ISSUED)));
    if (!link) throw new Error('no token');
    expect(linkProblem(link, ATTACHMENT, 'qa-1', ISSUED + 3_599_999)).toBeUndefined();
    expect(linkProblem(link, ATTACHMENT, 'qa-1', ISSUED + 3_600_000)).toBe('expired');
  });

  it('is forged when its session, its key or its signature differ', () => {
    const link = readToken(tokenOf(downloadUrl(WHERE, ATTACHMENT, ISSUED)));
    if (!link) throw new Error('no token');
    expect(linkProblem(link, ATTACHMENT, 'default', ISSUED)).toBe('forged');
    expect(linkProblem(link, { ...ATTACHMENT, key: 'f'.repeat(32) }, 'qa-1', ISSUED)).toBe('forged');
    expect(linkProblem({ ...link, expires: link.expires + 3600 }, ATTACHMENT, 'qa-1', ISSUED)).toBe('forged');
  });

  it.each([
    [''],
    ['a.b.c'],
    ['x.7d2f0c4e-9b1a-4c3e-8f6d-2a5b9e0c1d47.12.zz'],
    [`x.y.1.${'a'.repeat(64)}`],
    [`x.7d2f0c4e-9b1a-4c3e-8f6d-2a5b9e0c1d47.1.${'a'.repeat(64)}.more`],
  ])('reads %j as no token', (token) => {
    expect(readToken(token)).toBeUndefined();
  });

  it('offers a download as an attachment with a safe filename, never as a page', () => {
    expect(downloadHeaders('naïve "people".csv')).toEqual({
      'content-disposition': 'attachment; filename="na_ve _people_.csv"; filename*=UTF-8\'\'na%C3%AFve%20%22people%22.csv',
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
    });
  });

  it('writes CSV as RFC 4180 says: CRLF lines, quoted fields where needed', () => {
    expect(
      csv(
        ['id', 'name'],
        [
          ['1', 'Ada'],
          ['2', 'Lovelace, "Countess"'],
        ],
      ),
    ).toBe('id,name\r\n1,Ada\r\n2,"Lovelace, ""Countess"""\r\n');
  });
});
