import { seedOf } from '../../src/assemble.ts';
import { packGithub } from './index.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/core/json.ts';
import { loadDocument } from '../../src/conformance/files.ts';
import { documentSchemas, type DocumentSchemas } from '../../src/conformance/schemas.ts';
import type { OpenApiDocument } from '../../src/conformance/document.ts';
import { readSchemaFiles } from '../../src/files/schemas.ts';
import { createSchemaRegistry } from '../../src/validation/registry.ts';
import { vendorMissing, vendorPath } from '../../contract-tests/support/vendor.ts';
import settings from '../../fixtures/github/generation.json' with { type: 'json' };
import { jobsIn } from './jobs.ts';
import { ACTIVE, runMachine } from './machine.ts';
import { schemaId } from './schema-ids.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ANCHOR = '2026-11-30T10:00:00.000Z';
const MAIN = 'octo-org/hello-world';
const WHOLE_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

type Seeded = ReturnType<typeof seedOf>;

function seed(anchorIso: string, seedNumber = 1, records?: number): Seeded {
  return seedOf(packGithub, { seed: seedNumber, anchor: Date.parse(anchorIso), ...(records === undefined ? {} : { records }) });
}

const data = seed(ANCHOR);
const runs = (data['runs'] ?? []).map((record) => record.data);
const jobsOfSeed = (seeded: Seeded) => (seeded['runs'] ?? []).flatMap((record) => jobsIn(record.meta ?? {}));
const jobs = jobsOfSeed(data);
const at = (value: unknown): number => Date.parse(String(value));
const repoOf = (run: JsonObject): string => String((run['repository'] as JsonObject)['full_name']);
const jobsOf = (run: JsonObject, attempt = run['run_attempt']) => jobs.filter((job) => job['run_id'] === run['id'] && job['run_attempt'] === attempt);
/** The first page of the repository's list as GitHub orders it: newest first. */
const firstPage = () =>
  runs
    .filter((run) => repoOf(run) === MAIN)
    .reverse()
    .slice(0, 30);

/** Every date-time value in a record, with its path. */
function times(value: unknown, path = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => times(item, `${path}/${index}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]): [string, string][] =>
    /_at$|^timestamp$/.test(key) && typeof item === 'string' ? [[`${path}/${key}`, item]] : times(item, `${path}/${key}`),
  );
}

describe('GitHub seed', () => {
  const registry = createSchemaRegistry(readSchemaFiles());

  it('gives octo-org/hello-world at least 200 runs and the second repository a few, keyed by their ids', () => {
    expect(runs.filter((run) => repoOf(run) === MAIN).length).toBeGreaterThanOrEqual(200);
    expect(runs.filter((run) => repoOf(run) !== MAIN).length).toBe(settings.repositories[1]?.runs);
    expect((data['runs'] ?? []).every((record) => record.id === String(record.data['id']))).toBe(true);
    expect(new Set(jobs.map((job) => job['id'])).size).toBe(jobs.length);
    expect((data['runs'] ?? []).every((record) => jobsIn(record.meta ?? {}).every((job) => job['run_id'] === record.data['id']))).toBe(true);
  });

  it('keeps each repository, keyed by its full name', () => {
    expect((data['repositories'] ?? []).map((record) => record.id)).toEqual(settings.repositories.map((repo) => `${settings.organization.login}/${repo.name}`));
    expect(registry.check(schemaId('workflow-run.json#/$defs/MinimalRepository'), data['repositories']?.[0]?.data ?? null)).toEqual([]);
  });

  it('sizes the main repository with --records', () => {
    const sized = (seed(ANCHOR, 1, 25)['runs'] ?? []).map((record) => record.data);
    expect(sized.filter((run) => repoOf(run) === MAIN)).toHaveLength(25);
  });

  it('validates every run and job, and a page of each list, against our schemas', () => {
    for (const run of runs) expect(registry.check(schemaId('workflow-run.json'), run), String(run['id'])).toEqual([]);
    for (const job of jobs) expect(registry.check(schemaId('job.json'), job), String(job['id'])).toEqual([]);
    expect(registry.check(schemaId('workflow-run-list.json'), { total_count: 240, workflow_runs: firstPage() })).toEqual([]);
    const run = runs.find((r) => jobsOf(r).length > 1) as JsonObject;
    expect(registry.check(schemaId('job-list.json'), { total_count: jobsOf(run).length, jobs: jobsOf(run) })).toEqual([]);
  });

  it('writes every time in whole seconds, UTC, as GitHub does', () => {
    const written = [...runs, ...jobs].flatMap((record) => times(record));
    expect(written.length).toBeGreaterThan(runs.length * 4);
    expect(written.filter(([, value]) => !WHOLE_SECONDS.test(value))).toEqual([]);
  });

  it('places runs before the anchor: some created within the last hour, active ones recent, finished ones over weeks', () => {
    const anchor = Date.parse(ANCHOR);
    expect(runs.every((run) => at(run['created_at']) < anchor && at(run['updated_at']) <= anchor)).toBe(true);
    expect(runs.filter((run) => at(run['created_at']) >= anchor - HOUR).length).toBeGreaterThanOrEqual(5);
    const active = runs.filter((run) => run['status'] !== 'completed');
    expect(active.length).toBeGreaterThan(5);
    expect(active.every((run) => at(run['created_at']) >= anchor - settings.timeline.activeHours * HOUR)).toBe(true);
    expect(Math.min(...runs.map((run) => at(run['created_at'])))).toBeLessThan(anchor - 20 * DAY);
    expect(jobs.flatMap((job) => times(job)).every(([, value]) => at(value) <= anchor)).toBe(true);
  });

  it('keeps statuses and times coherent: a conclusion only once completed, updates after the latest start', () => {
    for (const run of runs) {
      const id = String(run['id']);
      expect(ACTIVE.includes(String(run['status'])) ? run['conclusion'] === null : typeof run['conclusion'] === 'string', id).toBe(true);
      expect(at(run['created_at']), id).toBeLessThanOrEqual(at(run['run_started_at']));
      expect(at(run['run_started_at']), id).toBeLessThanOrEqual(at(run['updated_at']));
      expect(at((run['head_commit'] as JsonObject)['timestamp']), id).toBeLessThan(at(run['created_at']));
    }
    const statuses = new Set(runs.map((run) => String(run['status'])));
    expect([...statuses].filter((status) => !runMachine.states.includes(status))).toEqual([]);
    expect([...statuses]).toEqual(expect.arrayContaining(['completed', 'in_progress', 'queued', 'waiting']));
    const conclusions = new Set(runs.map((run) => run['conclusion']));
    expect([...conclusions].filter((conclusion) => conclusion !== null && !(String(conclusion) in settings.conclusionWeights))).toEqual([]);
    expect([...conclusions]).toEqual(expect.arrayContaining([null, 'success', 'failure', 'cancelled', 'skipped']));
  });

  it("gives each run's latest attempt jobs that agree with it", () => {
    for (const run of runs) {
      const own = jobsOf(run);
      const id = String(run['id']);
      const statuses = own.map((job) => job['status']);
      if (run['status'] === 'completed')
        expect(
          statuses.every((status) => status === 'completed'),
          id,
        ).toBe(true);
      if (run['status'] === 'in_progress')
        expect(
          statuses.filter((status) => status === 'in_progress'),
          id,
        ).toHaveLength(1);
      if (run['status'] === 'queued') expect(statuses.every((status) => status === 'queued') && own.length > 0, id).toBe(true);
      if (run['status'] === 'waiting') expect(statuses, id).toContain('waiting');
      if (['requested', 'pending'].includes(String(run['status'])) || run['conclusion'] === 'action_required') expect(own, id).toEqual([]);
      if (run['conclusion'] === 'success')
        expect(
          own.every((job) => job['conclusion'] === 'success'),
          id,
        ).toBe(true);
      if (['failure', 'cancelled', 'timed_out'].includes(String(run['conclusion'])))
        expect(
          own.map((job) => job['conclusion']),
          id,
        ).toContain(run['conclusion']);
      for (const job of own) {
        expect(job['head_sha'], id).toBe(run['head_sha']);
        expect(at(job['created_at']), id).toBeGreaterThanOrEqual(at(run['run_started_at']));
        expect(at(job['completed_at'] ?? job['started_at']), id).toBeLessThanOrEqual(at(run['updated_at']));
        if (job['status'] !== 'completed') expect(job['conclusion'], id).toBeNull();
      }
    }
  });

  it('keeps the jobs of earlier attempts of re-run runs, and points at the attempt before', () => {
    const rerun = runs.filter((run) => run['run_attempt'] === 2);
    expect(rerun.length).toBeGreaterThan(0);
    for (const run of rerun) {
      expect(run['previous_attempt_url']).toBe(`${String(run['url'])}/attempts/1`);
      expect(jobsOf(run, 1).map((job) => job['conclusion'])).toContain('failure');
      expect(at(run['run_started_at'])).toBeGreaterThan(Math.max(...jobsOf(run, 1).map((job) => at(job['completed_at']))));
    }
    expect(runs.filter((run) => run['run_attempt'] === 1).every((run) => run['previous_attempt_url'] === null)).toBe(true);
  });

  it('numbers runs as GitHub does: ids, check suites, jobs and each workflow’s run numbers grow with creation time', () => {
    const increasing = (values: number[]) => values.every((value, index) => index === 0 || value > (values[index - 1] ?? 0));
    const byCreation = [...runs].sort((a, b) => at(a['created_at']) - at(b['created_at']));
    expect(increasing(byCreation.map((run) => Number(run['id'])))).toBe(true);
    expect(increasing(byCreation.map((run) => Number(run['check_suite_id'])))).toBe(true);
    expect(increasing(jobs.map((job) => Number(job['id'])))).toBe(true);
    for (const workflow of new Set(runs.map((run) => run['workflow_id']))) {
      expect(increasing(byCreation.filter((run) => run['workflow_id'] === workflow).map((run) => Number(run['run_number'])))).toBe(true);
    }
    expect(runs.every((run) => /^WFR_kwLO/.test(String(run['node_id'])) && /^[0-9a-f]{40}$/.test(String(run['head_sha'])))).toBe(true);
  });

  it('is the same for the same seed and anchor, differs for another seed, and moves with the anchor', () => {
    const again = seed('2031-05-05T10:07:00.000Z');
    expect(JSON.stringify(seed('2031-05-05T10:07:00.000Z'))).toBe(JSON.stringify(again));
    expect(JSON.stringify(seed('2031-05-05T10:07:00.000Z', 2))).not.toBe(JSON.stringify(again));
    const later = seed('2031-05-06T10:07:00.000Z');
    const created = (seeded: Seeded) => (seeded['runs'] ?? []).map((record) => at(record.data['created_at']));
    const before = created(again);
    expect(created(later).map((time, index) => time - (before[index] ?? 0))).toEqual(before.map(() => DAY));
    expect(jobsOfSeed(later).map((job) => job['id'])).toEqual(jobsOfSeed(again).map((job) => job['id']));
  });
});

const VENDOR_FILE = 'github/actions-runs.openapi.json';
const missing = vendorMissing([VENDOR_FILE]);

describe.skipIf(missing)("GitHub seed against GitHub's OpenAPI description", () => {
  let document: OpenApiDocument;
  let schemas: DocumentSchemas;
  const component = (name: string): JsonObject => (document.root['components'] as { schemas: Record<string, JsonObject> }).schemas[name] as JsonObject;
  const okSchema = (operationId: string): JsonObject => {
    const operation = document.operations.find((op) => op.operationId === operationId);
    const schema = operation?.responses['200']?.content['application/json']?.schema;
    if (!schema) throw new Error(`no 200 schema for ${operationId}`);
    return schema;
  };

  beforeAll(() => {
    document = loadDocument(vendorPath(VENDOR_FILE));
    schemas = documentSchemas(document);
  });

  it('validates every seeded run against components/schemas/workflow-run', () => {
    for (const run of runs) expect(schemas.check(component('workflow-run'), 'response', run), String(run['id'])).toEqual([]);
  });

  it('validates every seeded job against components/schemas/job', () => {
    for (const job of jobs) expect(schemas.check(component('job'), 'response', job), String(job['id'])).toEqual([]);
  });

  it("validates a page of each list against its operation's 200 schema", () => {
    expect(schemas.check(okSchema('actions/list-workflow-runs-for-repo'), 'response', { total_count: 240, workflow_runs: firstPage() })).toEqual([]);
    expect(schemas.check(okSchema('actions/list-workflow-runs'), 'response', { total_count: 2, workflow_runs: firstPage().slice(0, 2) })).toEqual([]);
    const run = runs.find((r) => jobsOf(r).length > 1) as JsonObject;
    expect(schemas.check(okSchema('actions/list-jobs-for-workflow-run'), 'response', { total_count: jobsOf(run).length, jobs: jobsOf(run) })).toEqual([]);
  });
});
