import { rotation } from '../../bench/scenario.ts';
import { suitesLongjump } from '../../contract-tests/longjump/suites.ts';
import type { PackTesting } from '../../contract-tests/support/pack-testing.ts';
import model from '../../fixtures/longjump/model.json' with { type: 'json' };

// What the cross-pack tests, the bench and the soak need to know about LongJump (see contract-tests/support/pack-testing.ts).

const LOGIN = { platform: { login: { userName: 'jsmith', password: 'demo' } } };

export const testing: PackTesting = {
  suites: suitesLongjump,

  async context(call) {
    const login = await call({ method: 'POST', path: '/networking/rest/login', body: LOGIN });
    const cookie = /JSESSIONID=[^;]+/.exec(login.headers['set-cookie'] ?? '')?.[0];
    if (!cookie) throw new Error(`LongJump: could not log in (${login.status})`);
    return {
      headers: { cookie },
      query: {},
      pathValues: { objectName: ['purchase_orders'], recordId: model.records.filter((r) => r.objectName === 'purchase_orders').map((r) => r.id) },
      body: {
        login: LOGIN,
        changeWorkflowState: { platform: { workflowChangeState: { workflowIdOrName: 'workflow1', actionName: 'action1' } } },
      },
    };
  },

  bench: [
    {
      name: 'longjump-xml',
      description: 'LongJump GET workflowAction for a record (XML, session cookie)',
      holdsSession: true,
      async prepare(origin, records) {
        const login = await fetch(`${origin}/longjump/networking/rest/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/xml' },
          body: '<platform><login><userName>jsmith</userName><password>demo</password></login></platform>',
        });
        const cookie = /JSESSIONID=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
        if (!login.ok || !cookie) throw new Error(`LongJump login failed: ${login.status}`);
        const next = rotation(Array.from({ length: Math.min(records, 5000) }, (_, i) => model.generated.firstId + i));
        return {
          method: 'GET',
          headers: { cookie },
          kind: 'xml',
          next: () => ({ path: `/longjump/networking/rest/workflowAction/record/purchase_orders/${next().item}` }),
        };
      },
    },
  ],

  seededRuns: {
    collection: 'records',
    created: (data) => String(data['date_created']),
    active: () => true,
    generated: (id) => Number(id.split('/')[1]) >= 1381446000,
    noneFinished: true,
  },

  notApplicable: {
    model: 'LongJump has no create operation (records come only from the seed) and its moves depend on who is signed in',
    vendorDocument: 'LongJump publishes no OpenAPI document, only the reference pages excerpted in the seed',
  },
};
