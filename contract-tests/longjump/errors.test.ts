import { describe, expect, it } from 'vitest';
import { targetFor } from '../support/target.ts';
import { actionsPath, changeBody, changePath, expectPlatformError, login, ownersPath, REST } from './support.ts';

const XXE = `<?xml version="1.0"?>
<!DOCTYPE platform [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<platform><login><userName>&xxe;</userName><password>demo</password></login></platform>`;

const LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 ${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n ')}
]>
<platform><login><userName>&lol9;</userName><password>demo</password></login></platform>`;

describe('LongJump errors', () => {
  it.each([
    ['owners', 'get', ownersPath('purchase_orders', '1381445705')],
    ['actions', 'get', actionsPath('purchase_orders', '1381445705')],
    ['change', 'post', changePath('purchase_orders', '1381445712')],
  ] as const)('refuses %s without a session with -101', async (_name, method, path) => {
    const target = targetFor('longjump');
    const request = target[method](path).buffer(true);
    expectPlatformError(
      await (method === 'post' ? request.set('Content-Type', 'application/xml').send(changeBody('approve')) : request),
      400,
      '-101',
      'User not logged in',
    );
    expectPlatformError(await target[method](path).set('Cookie', 'JSESSIONID=forged').buffer(true), 400, '-101');
  });

  it('refuses a wrong password or unknown user with -101, naming neither', async () => {
    const target = targetFor('longjump');
    for (const body of [
      '<platform><login><userName>jsmith</userName><password>nope</password></login></platform>',
      '<platform><login><userName>nobody</userName><password>demo</password></login></platform>',
    ]) {
      const res = await target.post(`${REST}/login`).set('Content-Type', 'application/xml').buffer(true).send(body);
      expectPlatformError(res, 400, '-101', 'Invalid user name or password');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('answers unknown objects and records with -200 and 404', async () => {
    const target = targetFor('longjump');
    const cookie = await login(target, 'jsmith');
    expectPlatformError(await target.get(actionsPath('invoices', '1')).set('Cookie', cookie).buffer(true), 404, '-200', 'Invalid object name: invoices');
    expectPlatformError(await target.get(ownersPath('purchase_orders', '999')).set('Cookie', cookie).buffer(true), 404, '-200', 'Invalid record id: 999');
    expectPlatformError(await target.get(actionsPath('expense_reports', '1381445705')).set('Cookie', cookie).buffer(true), 404, '-200');
  });

  it('answers a wrong method with 405 and an unknown resource with -300', async () => {
    const target = targetFor('longjump');
    const cookie = await login(target, 'jsmith');
    const res = await target.delete(actionsPath('purchase_orders', '1381445705')).set('Cookie', cookie).buffer(true);
    expectPlatformError(res, 405, '-1');
    expect(res.headers['allow']).toBe('GET');
    expectPlatformError(await target.get(`${REST}/record/purchase_orders`).set('Cookie', cookie).buffer(true), 404, '-300');
  });

  it.each(['text/plain', 'text/xml', 'application/x-www-form-urlencoded'])('refuses Content-Type %s with 415', async (type) => {
    const target = targetFor('longjump');
    const res = await target
      .post(`${REST}/login`)
      .set('Content-Type', type)
      .buffer(true)
      .send('<platform><login><userName>jsmith</userName><password>demo</password></login></platform>');
    expectPlatformError(res, 415, '-1');
  });

  it.each([
    ['application/xml', '<platform><login><userName>jsmith</userName></platform>'],
    ['application/json', '{"platform": {"login": '],
    ['application/xml', '<platform><login><password>demo</password></login></platform>'],
  ])('refuses a malformed or incomplete %s body with 400 and a platform message', async (type, body) => {
    const target = targetFor('longjump');
    expectPlatformError(await target.post(`${REST}/login`).set('Content-Type', type).buffer(true).send(body), 400, '-1');
  });

  it.each([
    ['XXE', XXE],
    ['billion laughs', LAUGHS],
  ])('refuses %s in well under a second, expanding and reading nothing', async (_name, body) => {
    const target = targetFor('longjump');
    const started = performance.now();
    const res = await target.post(`${REST}/login`).set('Content-Type', 'application/xml').buffer(true).send(body);
    expect(performance.now() - started).toBeLessThan(500);
    expectPlatformError(res, 400, '-1', /declarations are not allowed/);
    expect(res.text).not.toMatch(/root:|lollol/);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((await login(target, 'jsmith')).startsWith('JSESSIONID=')).toBe(true);
  });

  it('answers errors as JSON when asked', async () => {
    const target = targetFor('longjump');
    const res = await target.get(actionsPath('purchase_orders', '1381445705')).set('Accept', 'application/json');
    expect(res.body).toEqual({ platform: { message: { code: '-101', description: 'User not logged in' } } });
  });
});
