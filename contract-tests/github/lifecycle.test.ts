import { describe, expect, it } from 'vitest';
import { packGithub } from '../../mocks/github/index.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { checkerRules } from '../../src/lifecycle/progress.ts';
import { checkLifecycle } from '../../src/state/lifecycle-check.ts';
import { json as jsonOf, manualMocks, MINUTE, SECOND } from '../support/manual-mock.ts';

// GitHub runs move by themselves as mocks/github/lifecycle.ts declares, and their jobs follow (mocks/github/follow.ts).
// GitHub's API starts no runs, so these tests re-run completed ones and watch the seeded active ones. Every test owns a
// manual clock: nothing moves until it says so.

const manual = manualMocks();
const HEADERS = { authorization: 'token t' };
const json = (res: Response) => jsonOf<JsonObject>(res);
type Job = { status: string; conclusion: string | null; run_attempt: number; started_at: string; completed_at: string | null; runner_id: number | null };

async function setup() {
  const mock = await manual({ packs: [packGithub] });
  const base = `${mock.url('github')}/repos/octo-org/hello-world/actions/runs`;
  const run = async (id: number) => json(await fetch(`${base}/${id}`, { headers: HEADERS }));
  const jobs = async (id: number) => (await json(await fetch(`${base}/${id}/jobs`, { headers: HEADERS })))['jobs'] as Job[];
  const all = (await json(await fetch(`${base}?per_page=100`, { headers: HEADERS })))['workflow_runs'] as JsonObject[];
  return { mock, base, run, jobs, all };
}

describe('GitHub runs on the mock clock', () => {
  it('runs a re-run queued -> in_progress -> completed, its new attempt’s jobs following each move', async () => {
    const { mock, base, run, jobs, all } = await setup();
    const ids = all
      .filter((item) => item['status'] === 'completed' && item['conclusion'] !== 'action_required')
      .slice(0, 20)
      .map((item) => Number(item['id']));
    for (const id of ids) expect((await fetch(`${base}/${id}/rerun`, { method: 'POST', headers: HEADERS })).status).toBe(201);
    const observations = new Map<number, JsonObject[]>(ids.map((id) => [id, []]));
    const observe = async () => {
      const runs = await Promise.all(ids.map(run));
      for (const [index, item] of runs.entries()) observations.get(ids[index] ?? 0)?.push(item);
      return runs;
    };
    await mock.advance(59 * SECOND);
    expect((await observe()).every((item) => item['status'] === 'queued')).toBe(true);
    for (const id of ids) expect((await jobs(id)).every((job) => job.status === 'queued' && job.runner_id === null)).toBe(true);
    await mock.advance(2 * MINUTE + SECOND);
    const started = await observe();
    expect(started.every((item) => item['status'] === 'in_progress')).toBe(true);
    for (const id of ids) {
      const now = await jobs(id);
      expect(now.filter((job) => job.status === 'in_progress')).toHaveLength(1);
      expect(now.find((job) => job.status === 'in_progress')?.runner_id).not.toBeNull();
    }
    await mock.advance(15 * MINUTE);
    const ended = await observe();
    expect(ended.every((item) => item['status'] === 'completed' && typeof item['conclusion'] === 'string')).toBe(true);
    expect(new Set(ended.map((item) => item['conclusion']))).toContain('success');
    for (const [index, id] of ids.entries()) {
      const attempt = Number(ended[index]?.['run_attempt']);
      const now = await jobs(id);
      expect(now.every((job) => job.status === 'completed' && job.run_attempt === attempt)).toBe(true);
      if (ended[index]?.['conclusion'] === 'success') expect(now.every((job) => job.conclusion === 'success')).toBe(true);
      else expect(now.map((job) => job.conclusion)).toContain(ended[index]?.['conclusion']);
      expect(now.every((job) => (job.completed_at ?? '') <= String(ended[index]?.['updated_at']))).toBe(true);
    }
    if (!packGithub.lifecycle) throw new Error('the GitHub pack declares no lifecycle');
    const rules = checkerRules(packGithub.lifecycle);
    for (const [id, seen] of observations) expect(checkLifecycle(rules, seen), String(id)).toEqual([]);
  });

  it('moves the seeded active runs on: requested and pending ones get their jobs when queued, waiting ones start', async () => {
    const { mock, run, jobs, all } = await setup();
    const active = all.filter((item) => item['status'] !== 'completed');
    expect(new Set(active.map((item) => item['status']))).toEqual(new Set(['requested', 'pending', 'queued', 'waiting', 'in_progress']));
    await mock.advance(2 * 60 * MINUTE);
    for (const item of active) {
      const now = await run(Number(item['id']));
      expect(now['status'], String(item['id'])).toBe('completed');
      const own = await jobs(Number(item['id']));
      expect(own.length, String(item['id'])).toBeGreaterThan(0);
      expect(own.every((job) => job.status === 'completed')).toBe(true);
    }
  });
});
