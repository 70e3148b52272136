import { beforeAll, describe, expect, it } from 'vitest';
import { targetFor, type Target } from '../support/target.ts';
import { AUTH, everyRun, EXAMPLE, examples, expectTwinitError, NS, page, SECOND_NS, WORKFLOWS, type Run } from './support.ts';

const created = (run: Run) => Date.parse(run._createdAt);

describe('Twinit list workflows', () => {
  let target: Target;
  let everything: Run[];

  beforeAll(async () => {
    target = targetFor('twinit');
    everything = await everyRun(target);
  });

  it("holds the seed document's run verbatim and at least 100 more in its namespace", () => {
    expect(everything).toContainEqual(EXAMPLE);
    expect(everything.length).toBeGreaterThanOrEqual(101);
    expect(everything.every((run) => run._namespaces.includes(NS))).toBe(true);
  });

  it('spreads runs across definitions, task types and statuses', () => {
    expect(new Set(everything.map((r) => r._workflowDefId)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(everything.flatMap((r) => r._tasks.map((t) => t._type))).size).toBeGreaterThanOrEqual(8);
    expect(new Set(everything.map((r) => r._status))).toEqual(new Set(['QUEUED', 'RUNNING', 'PAUSED', 'COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED']));
  });

  it('pages 10 at a time by default, reporting offset, page size and total', async () => {
    const body = await page(target, { nsfilter: NS });
    expect(body).toMatchObject({ _offset: 0, _pageSize: 10, _total: everything.length });
    expect(body._list).toHaveLength(10);
  });

  it("accepts the table's _pagesize spelling too", async () => {
    const body = await page(target, { nsfilter: NS, _pagesize: 3 });
    expect(body._pageSize).toBe(3);
    expect(body._list).toHaveLength(3);
  });

  it("accepts the seed's list request verbatim", async () => {
    const body = await page(target, examples.listRequestQuery.replace('{{nsfilter}}', NS));
    expect(Object.keys(body)).toEqual(Object.keys(examples.listResponse));
    expect(body._pageSize).toBe(10);
  });

  it('orders newest first by default, and pages concatenate without duplicates', async () => {
    expect(everything.map(created)).toEqual([...everything].map(created).sort((a, b) => b - a));
    const byThirteen = await everyRun(target, {}, 13);
    expect(byThirteen.map((r) => r._id)).toEqual(everything.map((r) => r._id));
  });

  it('shows a run only through an nsfilter naming one of its namespaces', async () => {
    const second = await everyRun(target, { nsfilter: SECOND_NS });
    expect(second.length).toBeGreaterThan(0);
    expect(second.every((r) => r._namespaces.includes(SECOND_NS))).toBe(true);
    expect(second.map((r) => r._id)).not.toContain(EXAMPLE._id);
    const both = await everyRun(target, { nsfilter: `${NS},${SECOND_NS}` });
    expect(both.length).toBe(new Set([...everything, ...second].map((r) => r._id)).size);
    expect((await page(target, { nsfilter: 'somebody_else' }))._total).toBe(0);
  });

  it('refuses a call without nsfilter with 400', async () => {
    expectTwinitError(await target.get(WORKFLOWS).set(AUTH), 400, 'INVALID_INPUT', 'nsfilter is required');
  });

  it('searches _name partially and case-insensitively', async () => {
    const found = await everyRun(target, { _name: 'CONNECTOR_work' });
    expect(found.map((r) => r._id)).toEqual(everything.filter((r) => r._name.toLowerCase().includes('connector_work')).map((r) => r._id));
    expect(found.map((r) => r._id)).toContain(EXAMPLE._id);
  });

  it('searches _defId partially', async () => {
    const found = await everyRun(target, { _defId: '824beec4' });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => r._workflowDefId.startsWith('824beec4'))).toBe(true);
  });

  it.each(['QUEUED', 'RUNNING', 'PAUSED', 'COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED'])('filters _status=%s', async (status) => {
    const found = await everyRun(target, { _status: status });
    expect(found.map((r) => r._id)).toEqual(everything.filter((r) => r._status === status).map((r) => r._id));
  });

  it('sorts with two keys, stably', async () => {
    const sorted = await everyRun(target, { sort: JSON.stringify({ _name: 1, _createdAt: -1 }) });
    const expected = [...everything].sort((a, b) => a._name.localeCompare(b._name, 'en', { sensitivity: 'variant' }) || created(b) - created(a));
    expect(sorted.map((r) => [r._name, r._createdAt])).toEqual(expected.map((r) => [r._name, r._createdAt]));
    expect(await everyRun(target, { sort: JSON.stringify({ _name: 1, _createdAt: -1 }) }, 7)).toEqual(sorted);
  });

  it("sorts by the seed's own example: _updatedAt descending then _name", async () => {
    const sorted = await everyRun(target, { sort: '{"_updatedAt":-1,"_name":1}' });
    const updated = sorted.map((r) => Date.parse(r._updatedAt));
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
  });

  it.each([['{"_name":'], ['{"_name":"up"}'], ['{"_nope":1}'], ['[]'], ['name']])('refuses sort=%s with 400', async (sort) => {
    expectTwinitError(await target.get(WORKFLOWS).query({ nsfilter: NS, sort }).set(AUTH), 400, 'INVALID_INPUT', /sort/);
  });

  it('windows on _createdAt: startDate inclusive from its instant, endDate date inclusive of its whole day', async () => {
    const pivot = everything[Math.floor(everything.length / 2)] as Run;
    const day = pivot._createdAt.slice(0, 10);
    const onDay = await everyRun(target, { startDate: day, endDate: day });
    expect(onDay.map((r) => r._id)).toContain(pivot._id);
    expect(onDay.every((r) => r._createdAt.startsWith(day))).toBe(true);
    expect(onDay.map((r) => r._id)).toEqual(everything.filter((r) => r._createdAt.startsWith(day)).map((r) => r._id));
  });

  it('treats date-time bounds as inclusive instants', async () => {
    const pivot = everything[20] as Run;
    const at = new Date(created(pivot)).toISOString();
    expect((await everyRun(target, { startDate: at })).map((r) => r._id)).toContain(pivot._id);
    expect((await everyRun(target, { endDate: at })).map((r) => r._id)).toContain(pivot._id);
    const after = new Date(created(pivot) + 1).toISOString();
    const before = new Date(created(pivot) - 1).toISOString();
    expect((await everyRun(target, { startDate: after })).map((r) => r._id)).not.toContain(pivot._id);
    expect((await everyRun(target, { endDate: before })).map((r) => r._id)).not.toContain(pivot._id);
  });

  it("reads the table's enddate spelling and a day past the month's end as the month's last day", async () => {
    const february = await everyRun(target, { startDate: '2026-02-01', enddate: '2026-02-29' });
    expect(february.map((r) => r._id)).toEqual(everything.filter((r) => r._createdAt >= '2026-02-01' && r._createdAt < '2026-03-01').map((r) => r._id));
    expect(february.map((r) => r._id)).toContain(EXAMPLE._id);
  });

  it.each([
    ['startDate', 'yesterday'],
    ['endDate', '02/01/2026'],
    ['_pageSize', '0'],
    ['_offset', '-1'],
    ['_status', 'DONE'],
  ])('refuses %s=%s with 400', async (name, value) => {
    expectTwinitError(
      await target
        .get(WORKFLOWS)
        .query({ nsfilter: NS, [name]: value })
        .set(AUTH),
      400,
      'INVALID_INPUT',
      new RegExp(name),
    );
  });
});
