// A team's own node:test file, as it would sit in their project: it imports the installed package, starts a mock and
// drives two clients of SailPoint NERM at it. `package.test.ts` copies it into a fresh project that installed the
// packed tarball and runs `node --test` there: the typed client passes, the hand-written one has a contract bug
// (it forgets `requester_type`), and assertNoViolations must fail that test naming the field.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { startMockServer } from 'workflow-run-mocks';
import { createNermClient } from 'workflow-run-mocks/clients/nerm';

/** @type {import('workflow-run-mocks').MockServer} */
let mock;
before(async () => {
  mock = await startMockServer({ clock: 'manual' });
});
after(() => mock.stop());
beforeEach(() => mock.reset());

/** The hand-written client under test: its body misses one of the fields NERM requires. */
async function startOnboarding(baseUrl, workflowId, requesterId) {
  const response = await fetch(`${baseUrl}/api/workflow_sessions`, {
    method: 'POST',
    headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
    body: JSON.stringify({ workflow_session: { workflow_id: workflowId, requester_id: requesterId } }),
  });
  return response.status;
}

test('the typed client lists sessions within the contract', async () => {
  const nerm = createNermClient({ baseUrl: mock.url('nerm'), token: 't' });
  const { data, response } = await nerm.listSessions({ limit: 2 });
  assert.equal(response.status, 200);
  assert.equal(data?.workflow_sessions?.length, 2);
  mock.assertNoViolations();
});

test('the hand-written client starts an onboarding session', async () => {
  const nerm = createNermClient({ baseUrl: mock.url('nerm'), token: 't' });
  const session = (await nerm.listSessions({ limit: 1 })).data?.workflow_sessions?.[0];
  await startOnboarding(mock.url('nerm'), session?.workflow_id, session?.requester_id);
  mock.assertNoViolations();
});
