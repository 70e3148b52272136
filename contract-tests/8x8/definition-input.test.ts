import { describe, expect, it } from 'vitest';
import { targetFor } from '../support/target.ts';
import { ACCOUNT, AUTH, definitionsPath, expectError } from './support.ts';

/** POST and PUT /definitions take automation_api.json's definitionInput, and are never stricter than it. */
const steps = [{ id: 'reply', stepType: 'SMS', inputs: { subAccountId: 'test_subaccount_id', destination: '{{data.payload.user.msisdn}}', text: 'Hi!' } }];

describe('8x8 definition bodies', () => {
  it('accepts the accountId definitionInput requires, and stores the account of the path', async () => {
    const target = targetFor('8x8');
    const same = await target
      .post(definitionsPath())
      .set(AUTH)
      .send({ accountId: ACCOUNT, trigger: 'inbound_sms', definition: { name: 'Same', steps } });
    expect(same.status).toBe(201);
    expect(same.body.accountId).toBe(ACCOUNT);
    const other = await target
      .post(definitionsPath())
      .set(AUTH)
      .send({ accountId: 'someone_else', trigger: 'inbound_sms', definition: { name: 'Other', steps } });
    expect(other.status).toBe(201);
    expect(other.body.accountId).toBe(ACCOUNT);
    expect((await target.get(`${definitionsPath('someone_else')}/${other.body.id}`).set(AUTH)).body).toEqual([]);
  });

  it('accepts unknown top-level fields and keeps only the documented ones', async () => {
    const target = targetFor('8x8');
    const res = await target
      .post(definitionsPath())
      .set(AUTH)
      .send({ trigger: 'inbound_sms', definition: { name: 'Extra', steps }, labels: ['a'], id: 'not-mine', version: 9 });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['accountId', 'createdAt', 'definition', 'id', 'status', 'trigger', 'version']);
    expect(res.body.version).toBe(1);
    expect(res.body.id).not.toBe('not-mine');
  });

  it('keeps the definition object exactly as sent, unknown properties and steps of other types included', async () => {
    const target = targetFor('8x8');
    const definition = {
      name: 'Mine',
      description: 'kept',
      steps: [...steps, { id: 'loop', stepType: 'If', do: [[{ id: 'inner', stepType: 'Wait', inputs: { duration: '1' } }]] }],
    };
    const res = await target.post(definitionsPath()).set(AUTH).send({ trigger: 'inbound_sms', definition });
    expect(res.status).toBe(201);
    expect(res.body.definition).toEqual(definition);
  });

  it('reads subaccountId as subAccountId, and omits a null or absent subaccount', async () => {
    const target = targetFor('8x8');
    const spelled = await target
      .post(definitionsPath())
      .set(AUTH)
      .send({ subaccountId: 'sales_subaccount', trigger: 'inbound_sms', definition: { name: 'S', steps } });
    expect(spelled.body.subAccountId).toBe('sales_subaccount');
    expect(spelled.body).not.toHaveProperty('subaccountId');
    const both = await target
      .post(definitionsPath())
      .set(AUTH)
      .send({ subAccountId: 'a', subaccountId: 'b', trigger: 'inbound_sms', definition: { name: 'S', steps } });
    expect(both.body.subAccountId).toBe('a');
    const none = await target
      .post(definitionsPath())
      .set(AUTH)
      .send({ subAccountId: null, trigger: 'inbound_sms', definition: { name: 'S', steps } });
    expect(none.body).not.toHaveProperty('subAccountId');
  });

  it('accepts an SMS step with only an id, as smsStep requires nothing else', async () => {
    const target = targetFor('8x8');
    expect(
      (
        await target
          .post(definitionsPath())
          .set(AUTH)
          .send({ trigger: 'inbound_sms', definition: { name: 'Bare', steps: [{ id: 'only' }] } })
      ).status,
    ).toBe(201);
  });

  it.each([
    ['a Wait step without inputs', { id: 'w', stepType: 'Wait' }],
    ['an SMS step whose inputs lack text', { id: 's', stepType: 'SMS', inputs: { subAccountId: 'x', destination: '1' } }],
    ['a Branch step without selectNextStep', { id: 'b', stepType: 'Branch' }],
    ['a step without id', { stepType: 'If' }],
  ])('refuses %s, as the step schemas do, with 400 code 1000', async (_, step) => {
    const target = targetFor('8x8');
    expectError(
      await target
        .post(definitionsPath())
        .set(AUTH)
        .send({ trigger: 'inbound_sms', definition: { name: 'Bad', steps: [step] } }),
      400,
      1000,
    );
  });

  it('keeps 5001 "Workflow name is required." for a definition without a name, on update too', async () => {
    const target = targetFor('8x8');
    const created = await target
      .post(definitionsPath())
      .set(AUTH)
      .send({ trigger: 'inbound_sms', definition: { name: 'Named', steps } });
    expectError(
      await target.put(`${definitionsPath()}/${created.body.id}`).set(AUTH).send({ accountId: ACCOUNT, trigger: 'inbound_sms', definition: { steps } }),
      400,
      5001,
      'Workflow name is required.',
    );
  });
});
