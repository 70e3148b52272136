import { beforeAll, describe, expect, it } from 'vitest';
import { targetFor, type Target } from '../support/target.ts';
import { AUTH, DOCUMENTED_DEFINITION, examples, expectError, listAll, listPage, workflowsPath, type Instance } from './support.ts';

describe('8x8 list workflow instances', () => {
  let target: Target;
  let everything: Instance[];

  beforeAll(async () => {
    target = targetFor('8x8');
    everything = await listAll(target);
  });

  it("ends with the seed document's two example workflows, verbatim and in the documented order", () => {
    expect(everything.slice(-2)).toEqual(examples.workflowList);
  });

  it('holds enough workflows under the documented definition to page through (at least 250)', () => {
    expect(everything.length).toBeGreaterThanOrEqual(252);
  });

  it('orders workflows newest first by start time', () => {
    const starts = everything.map((w) => Date.parse(w.startedAt));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });

  it('returns 100 workflows when no limit is given', async () => {
    expect(await listPage(target, {})).toHaveLength(100);
  });

  it.each([1, 7, 50, 100, 500])('pages with limit %i concatenate to the whole list without duplicates', async (limit) => {
    const paged = await listAll(target, {}, limit);
    expect(paged.map((w) => w.workflowId)).toEqual(everything.map((w) => w.workflowId));
    expect(new Set(paged.map((w) => w.workflowId)).size).toBe(paged.length);
  });

  it('accepts limit 500, the documented maximum', async () => {
    expect((await listPage(target, { limit: 500 })).length).toBe(Math.min(500, everything.length));
  });

  it('returns an empty list for an offset past the end', async () => {
    expect(await listPage(target, { offset: everything.length + 10 })).toEqual([]);
  });

  it.each([
    ['limit', '0'],
    ['limit', '501'],
    ['limit', '-1'],
    ['limit', 'ten'],
    ['limit', '1.5'],
    ['offset', '-1'],
    ['offset', 'x'],
    ['version', '0'],
    ['status', 'Running'],
    ['status', 'runnable'],
    ['startTimeFrom', 'yesterday'],
    ['startTimeTo', '2026-13-45'],
  ])('refuses %s=%s with 400 code 1000', async (name, value) => {
    const res = await target
      .get(workflowsPath())
      .query({ [name]: value })
      .set(AUTH);
    expectError(res, 400, 1000, new RegExp(name));
  });

  it('refuses a repeated scalar parameter with 400 code 1000', async () => {
    const res = await target.get(`${workflowsPath()}?limit=1&limit=2`).set(AUTH);
    expectError(res, 400, 1000, /limit/);
  });

  it.each(['Runnable', 'Suspended', 'Complete', 'Terminated'])('filters by status %s', async (status) => {
    const filtered = await listAll(target, { status });
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((w) => w.status === status)).toBe(true);
    expect(filtered.map((w) => w.workflowId)).toEqual(everything.filter((w) => w.status === status).map((w) => w.workflowId));
  });

  it('treats startTimeFrom and startTimeTo as inclusive edges', async () => {
    const pivot = everything[40] as Instance;
    const at = pivot.startedAt;
    const justAfter = new Date(Date.parse(at) + 1).toISOString();
    const justBefore = new Date(Date.parse(at) - 1).toISOString();
    expect((await listAll(target, { startTimeFrom: at })).map((w) => w.workflowId)).toContain(pivot.workflowId);
    expect((await listAll(target, { startTimeTo: at })).map((w) => w.workflowId)).toContain(pivot.workflowId);
    expect((await listAll(target, { startTimeFrom: justAfter })).map((w) => w.workflowId)).not.toContain(pivot.workflowId);
    expect((await listAll(target, { startTimeTo: justBefore })).map((w) => w.workflowId)).not.toContain(pivot.workflowId);
    const window = await listAll(target, { startTimeFrom: at, startTimeTo: at });
    expect(window.every((w) => Date.parse(w.startedAt) === Date.parse(at))).toBe(true);
  });

  it('narrows to a window exactly the workflows started inside it', async () => {
    const from = everything[120] as Instance;
    const to = everything[30] as Instance;
    const inside = await listAll(target, { startTimeFrom: from.startedAt, startTimeTo: to.startedAt });
    const expected = everything.filter((w) => Date.parse(w.startedAt) >= Date.parse(from.startedAt) && Date.parse(w.startedAt) <= Date.parse(to.startedAt));
    expect(inside.map((w) => w.workflowId)).toEqual(expected.map((w) => w.workflowId));
  });

  it('reads a date-only bound as midnight UTC', async () => {
    const inside = await listAll(target, { startTimeTo: '2021-07-01' });
    expect(inside).toEqual(examples.workflowList);
  });

  it('combines the status filter with paging', async () => {
    const complete = everything.filter((w) => w.status === 'Complete');
    const page = await listPage(target, { status: 'Complete', limit: 5, offset: 5 });
    expect(page.map((w) => w.workflowId)).toEqual(complete.slice(5, 10).map((w) => w.workflowId));
  });

  it('answers a valid but unknown definition id with 404 code 1300 in the documented wording', async () => {
    const unknown = '2aa9465e-dec7-4c3e-8fa6-bd168af9eaca';
    const res = await target.get(workflowsPath(unknown)).set(AUTH);
    expectError(res, 404, 1300, examples.errors.definitionNotFound.message);
  });

  it('answers a definition id that is not a uuid with 400 code 1000 "Invalid definition id."', async () => {
    const res = await target.get(workflowsPath('not-a-uuid')).set(AUTH);
    expectError(res, 400, 1000, examples.errors.invalidDefinitionId.message);
  });

  it("does not show one account's definition under another account", async () => {
    const res = await target.get(workflowsPath(DOCUMENTED_DEFINITION, 'demo_account_id')).set(AUTH);
    expectError(res, 404, 1300, `Definition ${DOCUMENTED_DEFINITION} not found.`);
  });
});
