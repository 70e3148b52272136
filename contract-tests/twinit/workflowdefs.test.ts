import { describe, expect, it } from 'vitest';
import { expectSchema } from '../support/schemas.ts';
import { targetFor } from '../support/target.ts';
import { AUTH, DEFS, EXAMPLE, expectTwinitError, NS, page, schemaId, SECOND_NS, startRun } from './support.ts';

type Def = { _id: string; _name: string; _namespaces: string[]; _userType: string; _tasks: { _name: string; _sequenceno: number; _type: string }[] };

const input = {
  _name: 'Door sensor sweep',
  _userType: 'facilities',
  _tasks: [
    { _name: 'read_sensors', _type: 'HAYSTACK' },
    { _name: 'publish', _type: 'MQTT_PUBLISH' },
  ],
};

describe('Twinit workflow definitions', () => {
  it("lists the definitions visible through nsfilter, including the seed run's definition", async () => {
    const target = targetFor('twinit');
    const body = await page(target, { nsfilter: NS, _pageSize: 100 }, DEFS);
    const defs = body._list as unknown as Def[];
    expect(defs.map((d) => d._id)).toContain(EXAMPLE._workflowDefId);
    expect(defs.every((d) => d._namespaces.includes(NS))).toBe(true);
    const second = (await page(target, { nsfilter: SECOND_NS, _pageSize: 100 }, DEFS))._list as unknown as Def[];
    expect(second.map((d) => d._id)).not.toContain(EXAMPLE._workflowDefId);
  });

  it('filters by _name partially and _userType exactly, and sorts by JSON', async () => {
    const target = targetFor('twinit');
    const byName = (await page(target, { nsfilter: NS, _name: 'REST_conn' }, DEFS))._list as unknown as Def[];
    expect(byName.map((d) => d._name)).toEqual(['rest_connector_workflow']);
    const byType = (await page(target, { nsfilter: NS, _userType: 'iaq_realtime_setup', sort: '{"_name":-1}' }, DEFS))._list as unknown as Def[];
    expect(byType.length).toBeGreaterThanOrEqual(2);
    expect(byType.every((d) => d._userType === 'iaq_realtime_setup')).toBe(true);
    expect(byType.map((d) => d._name)).toEqual([...byType.map((d) => d._name)].sort().reverse());
  });

  it("creates a definition in the nsfilter's namespace and runs start from it", async () => {
    const target = targetFor('twinit');
    const res = await target.post(DEFS).query({ nsfilter: NS }).set(AUTH).send(input);
    expect(res.status).toBe(201);
    expectSchema(schemaId('workflowdef.json'), res.body);
    expect(res.body).toMatchObject({
      _name: input._name,
      _namespaces: [NS],
      _tasks: [
        { _name: 'read_sensors', _sequenceno: 1, _type: 'HAYSTACK' },
        { _name: 'publish', _sequenceno: 2, _type: 'MQTT_PUBLISH' },
      ],
    });
    const run = await startRun(target, res.body._id);
    expect(run._tasks.map((t) => t._type)).toEqual(['HAYSTACK', 'MQTT_PUBLISH']);
    expect((await target.get(`${DEFS}/${res.body._id}`).query({ nsfilter: NS }).set(AUTH)).body).toEqual(res.body);
  });

  it('updates a definition; runs already started keep their tasks', async () => {
    const target = targetFor('twinit');
    const before = await startRun(target);
    const res = await target.put(`${DEFS}/${EXAMPLE._workflowDefId}`).query({ nsfilter: NS }).set(AUTH).send(input);
    expect(res.status).toBe(200);
    expectSchema(schemaId('workflowdef.json'), res.body);
    expect(res.body._id).toBe(EXAMPLE._workflowDefId);
    expect(Date.parse(res.body._updatedAt)).toBeGreaterThan(Date.parse(res.body._createdAt));
    const after = await startRun(target);
    expect(after._tasks.map((t) => t._type)).toEqual(['HAYSTACK', 'MQTT_PUBLISH']);
    expect(before._tasks.map((t) => t._type)).toEqual(['REST_CONNECTOR']);
  });

  it('refuses a definition without tasks or with an unknown task type', async () => {
    const target = targetFor('twinit');
    expectTwinitError(await target.post(DEFS).query({ nsfilter: NS }).set(AUTH).send({ _name: 'x', _tasks: [] }), 400, 'INVALID_INPUT', /_tasks/);
    expectTwinitError(
      await target
        .post(DEFS)
        .query({ nsfilter: NS })
        .set(AUTH)
        .send({ _name: 'x', _tasks: [{ _name: 'a', _type: 'EMAIL' }] }),
      400,
      'INVALID_INPUT',
      /_type/,
    );
  });

  it('answers unknown or invisible definitions with 404', async () => {
    const target = targetFor('twinit');
    expectTwinitError(await target.get(`${DEFS}/nope`).query({ nsfilter: NS }).set(AUTH), 404, 'NOT_FOUND', 'Workflow definition nope not found');
    expectTwinitError(await target.get(`${DEFS}/${EXAMPLE._workflowDefId}`).query({ nsfilter: SECOND_NS }).set(AUTH), 404, 'NOT_FOUND');
    expectTwinitError(await target.put(`${DEFS}/nope`).query({ nsfilter: NS }).set(AUTH).send(input), 404, 'NOT_FOUND');
  });
});
