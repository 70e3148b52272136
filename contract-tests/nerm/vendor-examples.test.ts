import { describe, expect, it } from 'vitest';
import { expectSchema } from '../support/schemas.ts';
import { targetFor } from '../support/target.ts';
import { all, AUTH, EXAMPLE, list, schemaId, SESSIONS } from './support.ts';
import { readVendorJson, vendorMissing } from '../support/vendor.ts';
import { OPENAPI, POSTMAN, workflowSessionRequests } from './vendor.ts';

// The vendor's own example requests work as they are: the bodies of SailPoint's Postman collection ("workflow
// sessions" folder) and the parameter examples of the NERM OpenAPI document, read from the vendor's files at test
// time.

describe.skipIf(vendorMissing([POSTMAN]) !== undefined)("NERM: SailPoint's Postman examples", () => {
  const requests = () => workflowSessionRequests();
  const rawBody = (name: string): string => {
    const raw = requests().get(name)?.body?.raw;
    if (!raw) throw new Error(`the Postman request "${name}" has no raw body`);
    return raw;
  };

  it('creates a session from the "Create a workflow session" body as it is', async () => {
    const target = targetFor('nerm');
    const raw = rawBody('Create a workflow session');
    const res = await target.post(SESSIONS).set(AUTH).set('Content-Type', 'application/json').send(raw);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expectSchema(schemaId('workflow-session.json#/$defs/Wrapped'), res.body);
    const sent = (JSON.parse(raw) as { workflow_session: Record<string, unknown> }).workflow_session;
    expect(res.body.workflow_session).toMatchObject({
      workflow_id: sent['workflow_id'],
      profile_id: sent['profile_id'],
      profile_ids: sent['profile_ids'],
      attributes: sent['attributes'],
      status: 'new',
    });
  });

  it.each([['a new session'], ['a seeded session'], ["the document's example session"]])(
    'updates %s from the "Update a workflow session" body as it is, to completed',
    async (which) => {
      const target = targetFor('nerm');
      const seeded = (await all(target)).find((s) => s.status === 'pending_approval');
      const created = await target
        .post(SESSIONS)
        .set(AUTH)
        .send({ workflow_session: { workflow_id: EXAMPLE.workflow_id, requester_id: EXAMPLE.requester_id, requester_type: 'User' } });
      const id = which === 'a new session' ? created.body.workflow_session.id : which === 'a seeded session' ? seeded?.id : EXAMPLE.id;
      const res = await target
        .patch(`${SESSIONS}/${String(id)}`)
        .set(AUTH)
        .set('Content-Type', 'application/json')
        .send(rawBody('Update a workflow session'));
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
      expectSchema(schemaId('workflow-session.json#/$defs/Wrapped'), res.body);
      expect(res.body.workflow_session.status).toBe('completed');
    },
  );

  it('lists with every query parameter of "Get workflow sessions" switched on', async () => {
    const target = targetFor('nerm');
    const request = requests().get('Get workflow sessions') as unknown as { url: { query: { key: string; value: string }[] } };
    const query = request.url.query.map(({ key, value }) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
    const body = await list(target, query);
    expect(body.workflow_sessions).toEqual([]);
    expect(body._metadata).toMatchObject({ limit: 5, offset: 5, total: 0 });
  });
});

describe.skipIf(vendorMissing([OPENAPI]) !== undefined)("NERM: the OpenAPI document's parameter examples", () => {
  it("accepts each list parameter's example on its own", async () => {
    const document = readVendorJson(OPENAPI) as {
      paths: Record<string, { get: { parameters: { $ref: string }[] } }>;
      components: { parameters: Record<string, { name: string; example?: unknown; schema: { example?: unknown } }> };
    };
    const parameters = document.paths['/workflow_sessions']?.get.parameters.map((p) => document.components.parameters[p.$ref.split('/').at(-1) ?? '']) ?? [];
    expect(parameters.map((p) => p?.name).sort()).toEqual([
      'limit',
      'metadata',
      'offset',
      'order',
      'profile_id',
      'requester_id',
      'status',
      'uid',
      'workflow_id',
    ]);
    const target = targetFor('nerm');
    for (const parameter of parameters) {
      const example = parameter?.schema.example ?? parameter?.example;
      const res = await target
        .get(SESSIONS)
        .query({ [String(parameter?.name)]: String(example) })
        .set(AUTH);
      expect(res.status, `${parameter?.name}=${String(example)}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
    }
  });
});
