import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/core/json.ts';
import type { OperationInput } from '../../src/engine/pack.ts';
import type { Condition } from '../../src/store/query.ts';
import settings from '../../fixtures/github/generation.json' with { type: 'json' };
import { generatorOf, keyMismatches, keysMs, recordBytes, sampleIndexes } from '../generated-checks.ts';
import { packGithub } from './index.ts';
import { jobsIn } from './jobs.ts';
import { runMachine } from './machine.ts';
import { RUN_FIELDS } from './run-keys.ts';
import { newestFirst, runFilters, workflowFilter } from './runs.ts';
import { longestMinutes, repositories } from './workflows.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const anchor = Date.parse('2026-11-30T10:00:00.000Z');
const runs = (records?: number, seed = 1) => generatorOf(packGithub, 'runs', { anchor, seed, ...(records === undefined ? {} : { records }) });
const at = (name: (typeof RUN_FIELDS)[number]) => RUN_FIELDS.indexOf(name);
const share = (values: readonly unknown[], wanted: unknown) => values.filter((value) => value === wanted).length / values.length;
const weightShares = (weights: Readonly<Record<string, number>>) => {
  const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
  return Object.entries(weights).map(([value, weight]) => [value, weight / total] as const);
};

describe('GitHub runs generated record by record', () => {
  it('makes the same bytes for a run every time, in any order, and other bytes for another seed', () => {
    const indexes = sampleIndexes(runs().count);
    const first = recordBytes(runs(), indexes);
    const fresh = runs();
    expect(recordBytes(fresh, [...indexes].reverse()).reverse()).toEqual(first);
    expect(recordBytes(fresh, indexes)).toEqual(first);
    expect(recordBytes(runs(undefined, 2), indexes)).not.toEqual(first);
  });

  it('gives keys equal to the values at their fields in every run, at the default size and a large one', () => {
    const all = runs();
    expect(
      keyMismatches(
        all,
        Array.from({ length: all.count }, (_, i) => i),
      ),
    ).toEqual([]);
    const big = runs(100_000);
    expect(keyMismatches(big, sampleIndexes(big.count, 200))).toEqual([]);
  });

  it('declares every field the operations, the lookups and the lifecycle read of a run', () => {
    const query = { status: 'completed', branch: 'main', event: 'push', actor: 'octocat', head_sha: 'abc', check_suite_id: 1, created: '>2026-01-01' };
    const input = { params: { owner: 'octo-org', repo: 'hello-world' }, query } as unknown as Parameters<typeof runFilters>[0];
    const filters = runFilters(input, [...workflowFilter('80712345'), ...workflowFilter('ci.yml')]);
    const failed = runFilters({ ...input, query: { ...query, status: 'failure' } } as typeof input);
    if (!filters.ok || !failed.ok) throw new Error('the filters refused a valid query');
    const read = [...filters.value, ...failed.value].map((condition: Condition) => condition.field);
    type Scoped = { readonly scope?: (input: OperationInput) => readonly Condition[] };
    const targets = packGithub.operations.flatMap((operation) => [operation.action as Scoped, ...((operation.requires ?? []) as readonly Scoped[])]);
    const scope = targets.flatMap((target) => target.scope?.(input as unknown as OperationInput) ?? []).map((condition) => condition.field);
    expect(scope).toContain('repository.full_name');
    const needed = new Set([...read, ...scope, ...newestFirst.map((key) => key.field), runMachine.field]);
    expect([...needed].filter((field) => !(RUN_FIELDS as readonly string[]).includes(field))).toEqual([]);
  });

  it('makes the keys of 100,000 runs well within two seconds, and a run in full in well under a millisecond', () => {
    const big = runs(100_000);
    const keysTook = keysMs(big);
    expect(keysTook).toBeLessThan(2000);
    const sample = Array.from({ length: 2000 }, (_, k) => (k * 7919) % big.count);
    const started = performance.now();
    for (const i of sample) big.record(i);
    const perRecord = ((performance.now() - started) * 1000) / sample.length;
    console.info(`GitHub runs: keys ${((keysTook * 1000) / big.count).toFixed(1)} µs a run, record(i) ${perRecord.toFixed(0)} µs`);
    expect(perRecord).toBeLessThan(1000);
  });

  it('puts runs in creation order by index: times, ids and check suites grow, each workflow numbers its runs one by one', () => {
    const all = runs(3000);
    const keys = Array.from({ length: all.count }, (_, i) => all.keys(i).values);
    const column = (name: (typeof RUN_FIELDS)[number]) => keys.map((values) => values[at(name)]);
    const created = column('created_at').map((value) => Date.parse(String(value)));
    expect(created.every((time, i) => i === 0 || time >= (created[i - 1] ?? 0))).toBe(true);
    for (const name of ['id', 'check_suite_id'] as const) {
      const ids = column(name).map(Number);
      expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? 0))).toBe(true);
    }
    const records = Array.from({ length: all.count }, (_, i) => all.record(i));
    const jobIds = records.flatMap((record) => jobsIn(record.meta ?? {}).map((job) => Number(job['id'])));
    expect(jobIds.every((id, i) => i === 0 || id > (jobIds[i - 1] ?? 0))).toBe(true);
    for (const workflow of repositories.flatMap((repo) => repo.workflows)) {
      const numbers = records.filter((record) => record.data['workflow_id'] === workflow.id).map((record) => record.data['run_number']);
      expect(numbers.length).toBeGreaterThan(0);
      expect(numbers, workflow.name).toEqual(numbers.map((_, k) => workflow.firstRunNumber + k));
    }
  });

  it('sizes the first repository with --records and keeps the others as they are', () => {
    const all = runs(1234);
    const repos = Array.from({ length: all.count }, (_, i) => all.keys(i).values[at('repository.full_name')]);
    expect(repos.filter((name) => name === 'octo-org/hello-world')).toHaveLength(1234);
    expect(repos.filter((name) => name === 'octo-org/docs-site')).toHaveLength(settings.repositories[1]?.runs ?? 0);
  });

  it("keeps the seed's spread over 100,000 runs: statuses, conclusions and workflows by weight, times in their windows", () => {
    const all = runs(100_000);
    const keys = Array.from({ length: all.count }, (_, i) => all.keys(i).values);
    const main = keys.filter((values) => values[at('repository.full_name')] === 'octo-org/hello-world');
    const column = (rows: typeof keys, name: (typeof RUN_FIELDS)[number]) => rows.map((values) => values[at(name)]);
    for (const [status, expected] of weightShares(settings.statusWeights)) expect(share(column(main, 'status'), status), status).toBeCloseTo(expected, 2);
    const completed = main.filter((values) => values[at('status')] === 'completed');
    for (const [conclusion, expected] of weightShares(settings.conclusionWeights))
      expect(share(column(completed, 'conclusion'), conclusion), conclusion).toBeCloseTo(expected, 2);
    const workflows = repositories[0]?.workflows ?? [];
    const weights = Object.fromEntries(workflows.map((workflow) => [String(workflow.id), workflow.weight]));
    const ids = column(main, 'workflow_id').map(String);
    // A waiting run is a Deploy run, so Deploy gets a little more than its weight, as when runs were drawn one by one.
    for (const [id, expected] of weightShares(weights)) expect(share(ids, id), id).toBeCloseTo(expected, 1);

    const age = (values: readonly unknown[]) => anchor - Date.parse(String(values[at('created_at')]));
    const recent = completed.filter((values) => age(values) < HOUR).length / completed.length;
    expect(recent).toBeCloseTo(settings.timeline.recentShare, 2);
    expect(Math.max(...completed.map(age))).toBeGreaterThan((settings.timeline.days - 1) * DAY);
    const windows: Readonly<Record<string, readonly number[]>> = settings.activeAgeMinutes;
    const longest = new Map(workflows.map((workflow) => [workflow.id, longestMinutes(workflow)]));
    for (const values of main.filter((v) => v[at('status')] !== 'completed')) {
      const [youngest = 0, oldest = 0] = windows[String(values[at('status')])] ?? [];
      const upTo = values[at('status')] === 'in_progress' ? Math.min(oldest, longest.get(Number(values[at('workflow_id')])) ?? oldest) : oldest;
      expect(age(values)).toBeGreaterThanOrEqual(youngest * MINUTE);
      expect(age(values)).toBeLessThanOrEqual(Math.max(upTo, youngest + 1) * MINUTE);
      expect(age(values)).toBeLessThanOrEqual(settings.timeline.activeHours * HOUR);
    }
    const deploy = workflows.find((workflow) => workflow.jobs.some((job) => job.environment !== undefined));
    expect(main.filter((values) => values[at('status')] === 'waiting').every((values) => values[at('workflow_id')] === deploy?.id)).toBe(true);
    expect(main.filter((values) => values[at('conclusion')] === 'action_required').every((values) => values[at('event')] === 'pull_request')).toBe(true);
  });

  it('re-runs about the share of finished runs it did, a failed first attempt before each', () => {
    const all = runs(100_000);
    const sample = Array.from({ length: 4000 }, (_, k) => all.record((k * 24_989) % all.count).data as JsonObject);
    const eligible = sample.filter((run) => run['status'] === 'completed' && !['skipped', 'action_required'].includes(String(run['conclusion'])));
    const rerun = eligible.filter((run) => run['run_attempt'] === 2).length / eligible.length;
    expect(rerun).toBeGreaterThan(settings.rerun.share * 0.75);
    expect(rerun).toBeLessThan(settings.rerun.share * 1.25);
  });
});
