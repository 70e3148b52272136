import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../src/core/json.ts';
import { loadDocument } from '../../src/conformance/files.ts';
import { documentSchemas, type DocumentSchemas } from '../../src/conformance/schemas.ts';
import { targetFor, type Target } from '../support/target.ts';
import { ACCOUNT, AUTH, definitionsPath, listAll, workflowsPath } from './support.ts';
import { vendorMissing, vendorPath } from '../support/vendor.ts';

const VENDOR_DOCUMENT = vendorPath('8x8/automation_api.json');

/**
 * The mock against 8x8's own OpenAPI document (automation_api.json), read at test time: its example requests are
 * accepted as they are, and what the mock answers validates against the document's schemas (converted the standard
 * way, src/conformance).
 */
const missing = vendorMissing(['8x8/automation_api.json']);

describe.skipIf(missing)("8x8 against the vendor's OpenAPI document", () => {
  let root: JsonObject;
  let schemas: DocumentSchemas;
  let target: Target;
  const component = (name: string): JsonObject => (root['components'] as { schemas: Record<string, JsonObject> }).schemas[name] as JsonObject;
  const example = (name: string): Json => ((root['components'] as { examples: Record<string, { value: Json }> }).examples[name] as { value: Json }).value;
  const expectValid = (schema: JsonObject, value: unknown, what: string) => expect(schemas.check(schema, 'response', value), what).toEqual([]);

  beforeAll(() => {
    const document = loadDocument(VENDOR_DOCUMENT);
    root = JSON.parse(readFileSync(VENDOR_DOCUMENT, 'utf8')) as JsonObject;
    schemas = documentSchemas(document);
    target = targetFor('8x8');
  });

  it('accepts components/examples/definitionInput verbatim on create and update, though it breaks its own schema', async () => {
    const body = example('definitionInput') as JsonObject;
    const created = await target.post(definitionsPath()).set(AUTH).send(body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      accountId: ACCOUNT,
      version: 1,
      subAccountId: '8x8_test_subaccount',
      trigger: 'inbound_chat_apps',
      status: 'enabled',
    });
    expect(created.body.definition).toEqual(body['definition']);
    const updated = await target.put(`${definitionsPath()}/${created.body.id}`).set(AUTH).send(body);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body.id, version: 2 });
  });

  it('accepts a body valid against definitionInput, with the accountId it requires', async () => {
    const body = { accountId: ACCOUNT, trigger: 'http_request', definition: { name: 'Minimal', steps: [{ id: 'only' }] } };
    expect(schemas.check(component('definitionInput'), 'request', body)).toEqual([]);
    const res = await target.post(definitionsPath()).set(AUTH).send(body);
    expect(res.status).toBe(201);
    expectValid(component('definition'), res.body, 'created definition');
  });

  it("answers every seeded definition and version as the document's definition schema says", async () => {
    const seeded = targetFor('8x8');
    for (const account of [ACCOUNT, 'demo_account_id']) {
      const list = await seeded.get(definitionsPath(account)).query({ limit: 500 }).set(AUTH);
      expect((list.body as unknown[]).length).toBeGreaterThan(0);
      for (const definition of list.body as JsonObject[]) {
        const history = await seeded.get(`${definitionsPath(account)}/${String(definition['id'])}`).set(AUTH);
        for (const version of history.body as JsonObject[])
          expectValid(component('definition'), version, `${String(version['id'])} v${String(version['version'])}`);
      }
    }
  });

  it("answers seeded workflows, their logs and errors as the document's schemas say", async () => {
    const workflows = await listAll(target);
    for (const workflow of workflows) expectValid(component('workflowInstance'), workflow, workflow.workflowId);
    const sample = workflows.filter((_, index) => index % 10 === 0 || workflows[index]?.status === 'Terminated').slice(0, 60);
    for (const workflow of sample) {
      const withLogs = await target.get(`${workflowsPath()}/${workflow.workflowId}`).query({ includeLogs: true }).set(AUTH);
      expectValid(component('workflowInstanceWithLogs'), withLogs.body, `${workflow.workflowId} with logs`);
      const errors = await target.get(`${workflowsPath()}/${workflow.workflowId}/errors`).set(AUTH);
      for (const error of errors.body as unknown[]) expectValid(component('workflowErrors'), error, `${workflow.workflowId} errors`);
    }
  });

  it("answers a faulted workflow's errors as an array of workflowErrors (the document's own example is a single object)", async () => {
    const workflows = await listAll(target, { status: 'Terminated' });
    const answers = await Promise.all(
      workflows.map(async (workflow) => (await target.get(`${workflowsPath()}/${workflow.workflowId}/errors`).set(AUTH)).body as unknown[]),
    );
    const errors = answers.flat();
    expect(answers.every(Array.isArray)).toBe(true);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expectValid(component('workflowErrors'), error, 'errors');
    expect(Array.isArray(example('workflowError'))).toBe(false);
  });

  it('answers ?contains=europe with the time zones of components/examples/timezones, and every time zone and function as their schemas say', async () => {
    const europe = await target.get(`/api/v1/accounts/${ACCOUNT}/steps/timezones`).query({ contains: 'europe' }).set(AUTH);
    expect(europe.body).toEqual(example('timezones'));
    const zones = await target.get(`/api/v1/accounts/${ACCOUNT}/steps/timezones`).set(AUTH);
    for (const zone of zones.body as unknown[]) expectValid(component('timezone'), zone, 'timezone');
    const functions = await target.get(`/api/v1/accounts/${ACCOUNT}/steps/functions`).set(AUTH);
    for (const fn of functions.body as unknown[]) expectValid(component('function'), fn, 'function');
  });

  it('raises the http_request trigger with the example body of http_request_trigger', async () => {
    const operation = (root['paths'] as Record<string, Record<string, JsonObject>>)['/api/v1/accounts/{accountId}/triggers/http_request']?.['post'];
    const body = ((operation?.['requestBody'] as JsonObject | undefined)?.['content'] as Record<string, { example: Json }> | undefined)?.['application/json']
      ?.example;
    const res = await target
      .post(`/api/v1/accounts/${ACCOUNT}/triggers/http_request`)
      .query({ subAccountId: 'test_subaccount_id' })
      .set(AUTH)
      .send(body as object);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });
});
