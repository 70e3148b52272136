import { describe, expect, it } from 'vitest';
import { expectSchema } from '../support/schemas.ts';
import { targetFor } from '../support/target.ts';
import { actionsPath, change, elementOrder, example, getXml, login, owners, ownersPath, REST, schemaId, tree } from './support.ts';

describe('LongJump responses against the seed document', () => {
  it("lists the seed record's actions exactly as the seed's response, element by element", async () => {
    const target = targetFor('longjump');
    const cookie = await login(target, 'jsmith');
    const { res, body } = await getXml(target, actionsPath('purchase_orders', '1381445705'), cookie, 'WorkflowActions');
    expect(body).toEqual(tree(example('workflow-action-response.xml')));
    expect(elementOrder(res.text)).toEqual(elementOrder(example('workflow-action-response.xml')));
  });

  it("writes the seed's XML declaration and empty elements as tag pairs", async () => {
    const target = targetFor('longjump');
    const { res } = await getXml(target, actionsPath('purchase_orders', '1381445705'), await login(target, 'jdoe'), 'WorkflowActions');
    expect(res.text.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(true);
    expect(res.text).toContain('<customCriteria></customCriteria>');
  });

  it("lists the seed record's owners exactly as the seed's response", async () => {
    const target = targetFor('longjump');
    const { res, body } = await getXml(target, ownersPath('purchase_orders', '1381445705'), await login(target, 'msmith'), 'WorkflowOwners');
    expect(body).toEqual(tree(example('workflow-owners-response.xml')));
    expect(elementOrder(res.text)).toEqual(elementOrder(example('workflow-owners-response.xml')));
  });

  it("applies the seed's changeWorkflowState request verbatim and answers with the seed's response", async () => {
    const target = targetFor('longjump');
    const cookie = await login(target, 'jdoe');
    const res = await change(target, cookie, 'purchase_orders', '1381445712', example('change-state-request.xml'));
    expect(res.status, res.text).toBe(200);
    expect(tree(res.text)).toEqual(tree(example('change-state-response.xml')));
    expectSchema(schemaId('MessageOnly'), tree(res.text));
    expect(await owners(target, cookie, 'purchase_orders', '1381445712')).toEqual(['Jane Doe']);
  });

  it('gives the same tree as JSON with Accept: application/json or ?alt=json', async () => {
    const target = targetFor('longjump');
    const cookie = await login(target, 'jsmith');
    const xml = (await getXml(target, actionsPath('purchase_orders', '1381445705'), cookie, 'WorkflowActions')).body;
    const accept = await target.get(actionsPath('purchase_orders', '1381445705')).set('Cookie', cookie).set('Accept', 'application/json');
    expect(accept.headers['content-type']).toMatch(/^application\/json/);
    expect(accept.body).toEqual(xml);
    const alt = await target.get(`${actionsPath('purchase_orders', '1381445705')}?alt=json`).set('Cookie', cookie);
    expect(alt.body).toEqual(xml);
    const xmlAgain = await target
      .get(`${actionsPath('purchase_orders', '1381445705')}?alt=xml`)
      .set('Cookie', cookie)
      .set('Accept', 'application/json')
      .buffer(true);
    expect(tree(xmlAgain.text)).toEqual(xml);
  });

  it('logs in with a JSON body and answers in JSON when asked', async () => {
    const target = targetFor('longjump');
    const res = await target
      .post(`${REST}/login`)
      .set('Accept', 'application/json')
      .send({ platform: { login: { userName: 'msmith', password: 'demo' } } });
    expect(res.status).toBe(200);
    expectSchema(schemaId('LoginResponse'), res.body);
    expect(res.body.platform.login).toMatchObject({ userId: 'b2912a93cb0e', userName: 'msmith' });
    const sessionId = res.body.platform.login.sessionId as string;
    expect(res.headers['set-cookie']?.[0]).toMatch(new RegExp(`^JSESSIONID=${sessionId};`));
    // The session also works when sent back under the name the body gives it.
    expect((await target.get(ownersPath('purchase_orders', '1381445705')).set('Cookie', `sessionId=${sessionId}`)).status).toBe(200);
  });
});
