import type { ContractSuite } from '../../../src/contract/types.ts';
import { ok, same } from '../../support/suite-kit.ts';
import { changeXml, isPlatformError, login, loginXml, record } from '../calls.ts';

// LongJump's platform errors: sessions, unknown objects and records, other methods and content types, bodies that are
// malformed or hostile (XXE, entity expansion), and the same errors as JSON.

const XXE = `<?xml version="1.0"?>
<!DOCTYPE platform [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<platform><login><userName>&xxe;</userName><password>demo</password></login></platform>`;

const LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 ${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n ')}
]>
<platform><login><userName>&lol9;</userName><password>demo</password></login></platform>`;

export const errorSuites: ContractSuite[] = [
  {
    api: 'longjump',
    name: 'platform errors',
    writes: false,
    async run(ctx) {
      const objectName = ctx.param('objectName', 'purchase_orders');
      const seen = record(objectName, ctx.param('recordId', '1381445705'));
      const changing = record(objectName, ctx.param('changeRecordId', '1381445712'));
      // Before any login in this suite, so no session cookie of the suite's goes along.
      for (const cookie of ['', 'JSESSIONID=forged']) {
        const headers: Record<string, string> = cookie ? { cookie } : {};
        const what = cookie ? 'with a forged session' : 'without a session';
        isPlatformError(ctx, await ctx.call('workflowOwners', { params: seen, headers }, { status: 400 }), '-101', 'User not logged in', `owners ${what}`);
        isPlatformError(
          ctx,
          await ctx.call('listAvailableActions', { params: seen, headers }, { status: 400 }),
          '-101',
          'User not logged in',
          `actions ${what}`,
        );
        const refused = await ctx.call('changeWorkflowState', { params: changing, body: changeXml('approve'), headers }, { status: 400 });
        isPlatformError(ctx, refused, '-101', 'User not logged in', `a change ${what}`);
      }
      for (const [what, body] of [
        ['a wrong password', loginXml(ctx.param('userName', 'jsmith'), 'nope')],
        ['an unknown user', loginXml('nobody', ctx.param('password', 'demo'))],
      ] as const) {
        const res = await ctx.call('login', { body }, { status: 400 });
        isPlatformError(ctx, res, '-101', 'Invalid user name or password', `${what}, naming neither`);
        ok(ctx, res.headers['set-cookie'] === undefined, `${what} sets no session cookie`);
      }
      const cookie = await login(ctx, ctx.param('userName', 'jsmith'));
      const headers = { cookie };
      isPlatformError(
        ctx,
        await ctx.call('listAvailableActions', { params: record('invoices', '1'), headers }, { status: 404 }),
        '-200',
        'Invalid object name: invoices',
        'an unknown object',
      );
      isPlatformError(
        ctx,
        await ctx.call('workflowOwners', { params: record(objectName, '999'), headers }, { status: 404 }),
        '-200',
        'Invalid record id: 999',
        'an unknown record',
      );
      const elsewhere = await ctx.call('listAvailableActions', { params: record('expense_reports', seen.recordId), headers }, { status: 404 });
      isPlatformError(ctx, elsewhere, '-200', undefined, 'a record of another object');
      const wrong = await ctx.callPath('DELETE', `/networking/rest/workflowAction/record/${seen.objectName}/${seen.recordId}`, { headers }, { status: 405 });
      isPlatformError(ctx, wrong, '-1', undefined, 'a method the path does not allow');
      same(ctx, wrong.headers['allow'], 'GET', 'a 405 names the allowed methods in Allow');
      isPlatformError(
        ctx,
        await ctx.callPath('GET', `/networking/rest/record/${objectName}`, { headers }, { status: 404 }),
        '-300',
        undefined,
        'an unknown resource',
      );
      const user = ctx.param('userName', 'jsmith');
      for (const type of ['text/plain', 'text/xml', 'application/x-www-form-urlencoded']) {
        isPlatformError(
          ctx,
          await ctx.call('login', { body: loginXml(user, 'demo'), contentType: type }, { status: 415 }),
          '-1',
          undefined,
          `Content-Type ${type}`,
        );
      }
      for (const [type, body] of [
        ['application/xml', `<platform><login><userName>${user}</userName></platform>`],
        ['application/json', '{"platform": {"login": '],
        ['application/xml', '<platform><login><password>demo</password></login></platform>'],
      ] as const) {
        isPlatformError(ctx, await ctx.call('login', { body, contentType: type }, { status: 400 }), '-1', undefined, `a malformed or incomplete ${type} body`);
      }
      for (const [what, body] of [
        ['XXE', XXE],
        ['billion laughs', LAUGHS],
      ] as const) {
        const started = performance.now();
        const res = await ctx.call('login', { body }, { status: 400 });
        ok(ctx, performance.now() - started < 500, `${what} is refused in well under a second`);
        isPlatformError(ctx, res, '-1', /declarations are not allowed/, what);
        ok(
          ctx,
          !/root:|lollol/.test(res.text) && res.headers['set-cookie'] === undefined,
          `${what} expands and reads nothing, and logs nobody in`,
          res.text.slice(0, 200),
        );
        ok(ctx, (await login(ctx, user)).startsWith('JSESSIONID='), `logins work after ${what}`);
      }
      const json = await ctx.call('listAvailableActions', { params: seen, headers: { cookie: 'none=1', accept: 'application/json' } }, { status: 400 });
      same(ctx, json.body, { platform: { message: { code: '-101', description: 'User not logged in' } } }, 'errors come as JSON when asked');
    },
  },
];
