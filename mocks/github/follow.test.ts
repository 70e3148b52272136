import { seedOf } from '../../src/assemble.ts';
import { packGithub } from './index.ts';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/core/json.ts';
import type { Replacement } from '../../src/engine/pack.ts';
import { createSchemaRegistry } from '../../src/validation/registry.ts';
import { readSchemaFiles } from '../../src/files/schemas.ts';
import { followJobs, jobIdFor } from './follow.ts';
import { jobsIn } from './jobs.ts';
import { enterState } from '../../src/state/machine.ts';
import { nextAttempt, runMachine } from './machine.ts';
import { schemaId } from './schema-ids.ts';

const ANCHOR = '2026-11-30T10:00:00.000Z';
const AT = '2026-11-30T10:05:00Z';
const registry = createSchemaRegistry(readSchemaFiles());
const seeded = seedOf(packGithub, { anchor: Date.parse(ANCHOR) });
const records = (seeded['runs'] ?? []).map((record): Replacement => ({ data: record.data, meta: record.meta ?? {} }));
const find = (status: string, more: (data: JsonObject) => boolean = () => true): Replacement => {
  const found = records.find((record) => record.data['status'] === status && more(record.data));
  if (!found) throw new Error(`the seed has no ${status} run`);
  return found;
};
const pick = (min: number) => min;
/** The run after the machine's move, then the jobs following it. */
const move = (record: Replacement, to: string, command?: string): Replacement =>
  followJobs({ data: enterState(runMachine, record.data, to, AT), meta: record.meta }, { to, at: AT, pick, ...(command ? { command } : {}) });
const current = (record: Replacement) => jobsIn(record.meta).filter((job) => job['run_attempt'] === record.data['run_attempt']);
const valid = (record: Replacement) => jobsIn(record.meta).flatMap((job) => registry.check(schemaId('job.json'), job));

describe("a GitHub run's jobs following its moves", () => {
  it('cancel: the running job and step are cancelled now, steps not started skipped, jobs not started cancelled', () => {
    const running = find('in_progress');
    const moved = move(running, 'completed', 'cancel');
    const jobs = current(moved);
    expect(jobs.every((job) => job['status'] === 'completed')).toBe(true);
    const was = current(running);
    for (const [index, job] of jobs.entries()) {
      const before = was[index] as JsonObject;
      if (before['status'] === 'completed') expect(job).toBe(before);
      else expect(job).toMatchObject({ id: before['id'], conclusion: 'cancelled', completed_at: AT });
    }
    const steps = jobs.flatMap((job) => job['steps'] as JsonObject[]);
    expect(steps.every((step) => step['status'] === 'completed')).toBe(true);
    expect(steps.filter((step) => step['conclusion'] === 'cancelled')).toHaveLength(1);
    expect(valid(moved)).toEqual([]);
  });

  it("re-run: the new attempt's jobs are queued, with ids from the run; the earlier attempt's stay", () => {
    const failed = find('completed', (data) => data['conclusion'] === 'failure');
    const moved = followJobs({ data: nextAttempt(failed.data, AT), meta: failed.meta }, { to: 'queued', command: 'rerun', at: AT, pick });
    const attempt = Number(failed.data['run_attempt']) + 1;
    const jobs = current(moved);
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.map((job) => job['id'])).toEqual(jobs.map((_, index) => jobIdFor(Number(failed.data['id']), attempt, index)));
    expect(jobs.every((job) => job['status'] === 'queued' && job['run_attempt'] === attempt && job['created_at'] === AT && job['runner_id'] === null)).toBe(
      true,
    );
    expect(jobsIn(moved.meta).slice(0, jobsIn(failed.meta).length)).toEqual(jobsIn(failed.meta));
    expect(valid(moved)).toEqual([]);
  });

  it('in_progress: the first job starts now on a runner, its first step running; the ids and creation times stay', () => {
    const queued = find('queued');
    const moved = move(queued, 'in_progress');
    const [first, ...rest] = current(moved);
    expect(first).toMatchObject({ id: current(queued)[0]?.['id'], status: 'in_progress', started_at: AT, created_at: current(queued)[0]?.['created_at'] });
    expect(first?.['runner_id']).not.toBeNull();
    expect((first?.['steps'] as JsonObject[] | undefined)?.[0]).toMatchObject({ status: 'in_progress', started_at: AT });
    expect(rest.every((job) => job['status'] === 'queued')).toBe(true);
    expect(valid(moved)).toEqual([]);
  });

  it('in_progress after waiting: the jobs that ran before the environment gate keep as they were', () => {
    const waiting = find('waiting');
    const done = current(waiting).filter((job) => job['status'] === 'completed');
    expect(done.length).toBeGreaterThan(0);
    const moved = move(waiting, 'in_progress');
    expect(current(moved).slice(0, done.length)).toEqual(done);
    expect(current(moved)[done.length]).toMatchObject({ status: 'in_progress', started_at: AT });
  });

  it('completed by itself: every job ends by now, the running one on its runner, a failure decided by one job', () => {
    const running = find('in_progress');
    const success = move({ data: running.data, meta: running.meta }, 'completed');
    const before = current(running).find((job) => job['status'] === 'in_progress') as JsonObject;
    const after = current(success).find((job) => job['id'] === before['id']);
    expect(after).toMatchObject({ status: 'completed', runner_id: before['runner_id'], started_at: before['started_at'] });
    expect(current(success).every((job) => job['status'] === 'completed' && String(job['completed_at']) <= AT)).toBe(true);
    expect(current(success).map((job) => job['id'])).toEqual(current(running).map((job) => job['id']));
    const failure = followJobs(
      { data: { ...enterState(runMachine, running.data, 'completed', AT), conclusion: 'failure' }, meta: running.meta },
      { to: 'completed', at: AT, pick },
    );
    expect(current(failure).map((job) => job['conclusion'])).toContain('failure');
    expect(valid(failure)).toEqual([]);
  });

  it("keeps the jobs of a run whose workflow the seed does not know, except for a cancel's", () => {
    const queued = find('queued');
    const stranger = { data: { ...queued.data, workflow_id: 1 }, meta: queued.meta };
    expect(move(stranger, 'in_progress').meta).toBe(stranger.meta);
    expect(current(move(stranger, 'completed', 'cancel')).every((job) => job['conclusion'] === 'cancelled')).toBe(true);
  });
});
