import { beforeAll, describe, expect, it } from 'vitest';
import type { Target } from '../support/target.ts';
import { ACME, EXAMPLE, expectAmperityError, listPage, RUNS, SOCKTOWN, start, traverse, unlimited, type Run } from './support.ts';

const ids = (runs: readonly Run[]) => runs.map((run) => run.id);
const createdMs = (run: Run) => Date.parse(run.created_at);

describe('Amperity list workflow runs', () => {
  let target: Target;
  let socktown: Run[];

  beforeAll(async () => {
    target = unlimited();
    socktown = (await traverse(target, { limit: 1000 })).runs;
  });

  it("lists the seed document's run verbatim among at least 250 of its tenant", () => {
    expect(socktown).toContainEqual(EXAMPLE);
    expect(socktown.length).toBeGreaterThanOrEqual(251);
  });

  it('lists newest first', () => {
    expect(socktown.map(createdMs)).toEqual([...socktown].map(createdMs).sort((a, b) => b - a));
  });

  it('gives a total only with with_total=true', async () => {
    expect((await listPage(target, { limit: 5 })).total).toBeUndefined();
    expect((await listPage(target, { limit: 5, with_total: true })).total).toBe(socktown.length);
  });

  it.each([1, 7, 25, 100])('visits every run once following next_token with limit %i, and the last page has no token', async (limit) => {
    const { runs, pages } = await traverse(target, { limit });
    expect(ids(runs)).toEqual(ids(socktown));
    expect(pages.at(-1)?.next_token).toBeUndefined();
    expect(pages.slice(0, -1).every((page) => typeof page.next_token === 'string' && page.next_token.length > 0)).toBe(true);
  });

  it('visits every run that matched at the start exactly once while runs are being started, newest first', async () => {
    const own = unlimited();
    const before = (await traverse(own, { limit: 1000 })).runs;
    const { runs } = await traverse(own, { limit: 9 }, SOCKTOWN, async () => {
      await start(own);
    });
    expect(ids(runs)).toEqual(ids(before));
    expect(new Set(ids(runs)).size).toBe(runs.length);
  });

  it('keeps a filtered traversal complete when runs change state mid-way', async () => {
    const own = unlimited();
    const running = (await traverse(own, { state: 'running', limit: 1000 })).runs;
    expect(running.length).toBeGreaterThan(3);
    const seen: Run[] = [];
    let stopped = false;
    const { runs } = await traverse(own, { state: 'running', limit: 2 }, SOCKTOWN, async () => {
      if (stopped) return;
      stopped = true;
      // Stop a run the traversal has not reached: it no longer matches and must simply drop out.
      const last = running.at(-1) as Run;
      await own.post(`${RUNS}/${last.id}/stop`).set(SOCKTOWN);
    });
    seen.push(...runs);
    expect(ids(seen)).toEqual(ids(running.slice(0, -1)));
  });

  it.each([
    ['state', 'succeeded'],
    ['state', 'running with failures'],
    ['type', 'courier.group/run'],
  ])('filters %s=%s across pages', async (name, value) => {
    const { runs } = await traverse(target, { [name]: value, limit: 10 });
    expect(runs.length).toBeGreaterThan(0);
    expect(ids(runs)).toEqual(ids(socktown.filter((run) => (run as Record<string, unknown>)[name] === value)));
  });

  it('treats created_from as inclusive and created_to as exclusive', async () => {
    const pivot = socktown[30] as Run;
    const from = (await traverse(target, { created_from: pivot.created_at, limit: 1000 })).runs;
    const to = (await traverse(target, { created_to: pivot.created_at, limit: 1000 })).runs;
    expect(ids(from)).toContain(pivot.id);
    expect(ids(to)).not.toContain(pivot.id);
    expect(from.length + to.length).toBe(socktown.length);
  });

  it('accepts partial timestamps as UTC periods', async () => {
    const feb = (await traverse(target, { created_from: '2024-02', created_to: '2024-03-01', limit: 1000 })).runs;
    expect(ids(feb)).toEqual(ids(socktown.filter((run) => run.created_at >= '2024-02-01' && run.created_at < '2024-03-01')));
    expect(ids(feb)).toContain(EXAMPLE.id);
    const day = (await traverse(target, { created_from: '2024-02-10', created_to: '2024-02-11', limit: 1000 })).runs;
    expect(day.every((run) => run.created_at.startsWith('2024-02-10'))).toBe(true);
  });

  it('windows on ended_at and leaves out runs that have not ended', async () => {
    const ended = (await traverse(target, { ended_from: '2024-01-01', limit: 1000 })).runs;
    expect(ended.length).toBe(socktown.filter((run) => run.ended_at !== undefined).length);
    expect(ended.length).toBeLessThan(socktown.length);
    const window = (await traverse(target, { ended_from: EXAMPLE.ended_at, ended_to: '2024-02-11', limit: 1000 })).runs;
    expect(ids(window)).toEqual([EXAMPLE.id]);
  });

  it("never shows one tenant's runs to another", async () => {
    const acme = (await traverse(target, { limit: 1000 }, ACME)).runs;
    expect(acme.length).toBeGreaterThanOrEqual(250);
    expect(acme.every((run) => run.tenant === 'acme')).toBe(true);
    expect(socktown.every((run) => run.tenant === 'socktown')).toBe(true);
    expect(ids(acme).filter((id) => ids(socktown).includes(id))).toEqual([]);
    expectAmperityError(await target.get(`${RUNS}/${EXAMPLE.id}`).set(ACME), 404);
    expect((await traverse(target, { limit: 1000 }, { ...ACME, 'amperity-tenant': 'new-tenant' })).runs).toEqual([]);
  });

  it("refuses another tenant's cursor", async () => {
    const page = await listPage(target, { limit: 3 });
    expectAmperityError(
      await target
        .get(RUNS)
        .query({ limit: 3, next_token: page.next_token ?? '' })
        .set(ACME),
      400,
      /next_token/,
    );
  });

  it('refuses a cursor reused with other filters', async () => {
    const page = await listPage(target, { limit: 3 });
    expectAmperityError(
      await target
        .get(RUNS)
        .query({ limit: 3, state: 'failed', next_token: page.next_token ?? '' })
        .set(SOCKTOWN),
      400,
      /next_token/,
    );
  });

  it.each([
    ['a made-up token', 'ABCd1fghIJk2l3M'],
    ['an edited signature', 'EDIT'],
    ['a token with an edited body', 'BODY'],
    ['binary noise', '%00%ff.%fe'],
  ])('refuses %s with 400 and keeps serving', async (_name, kind) => {
    const page = await listPage(target, { limit: 3 });
    const [body = '', signature = ''] = (page.next_token ?? '').split('.');
    const token = kind === 'EDIT' ? `${body}.${signature.slice(0, -2)}xx` : kind === 'BODY' ? `${body.slice(0, -2)}AA.${signature}` : kind;
    // Sent as written, percent-escapes and all, so binary noise reaches the server undecoded by the client.
    expectAmperityError(
      await target.get(`${RUNS}?limit=3&next_token=${kind.includes('%') ? token : encodeURIComponent(token)}`).set(SOCKTOWN),
      400,
      /next_token/,
    );
    expect((await listPage(target, { limit: 1 })).data).toHaveLength(1);
  });

  it.each([
    ['limit', 'ten'],
    ['limit', '2.5'],
    ['created_from', 'last week'],
    ['ended_to', '2024-13'],
    ['with_total', 'yes'],
  ])('refuses %s=%s with 400', async (name, value) => {
    expectAmperityError(
      await target
        .get(RUNS)
        .query({ [name]: value })
        .set(SOCKTOWN),
      400,
      new RegExp(name),
    );
  });
});
