import { describe, expect, it } from 'vitest';
import { createControlledClock } from '../../src/core/clock.ts';
import type { JsonObject } from '../../src/core/json.ts';
import { REFERENCE_DATE } from '../../src/engine/seeding.ts';
import { targetFor, type Target } from '../support/target.ts';
import { expectSchema } from '../support/schemas.ts';
import { ACCOUNT, AUTH, definitionsPath, DOCUMENTED_DEFINITION, examples, listAll, schemaId, workflowsPath, type Instance } from './support.ts';

// The seed looks live: generated workflows end at the clock's start, generated definitions look like the vendor's.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const EXAMPLES = new Set(examples.workflowList.map((w) => w.workflowId));
const STEP_TYPES = ['SMS', 'ChatAppsMessage', 'HttpRequest', 'Branch', 'Wait', 'WaitForReply', 'VoiceMessage', 'WaitForDTMF'];

const at = (start: string): Target => targetFor('8x8', { controlledClock: createControlledClock('manual', Date.parse(start)) });

async function allWorkflows(target: Target): Promise<Instance[]> {
  const definitions = (await target.get(definitionsPath()).query({ limit: 500 }).set(AUTH)).body as { id: string }[];
  const all: Instance[] = [];
  for (const { id } of definitions) all.push(...(await listAll(target, {}, 500, id)));
  return all.filter((w) => !EXAMPLES.has(w.workflowId));
}

async function allDefinitionVersions(target: Target): Promise<JsonObject[]> {
  const versions: JsonObject[] = [];
  for (const account of [ACCOUNT, 'demo_account_id']) {
    const definitions = (await target.get(definitionsPath(account)).query({ limit: 500 }).set(AUTH)).body as { id: string }[];
    for (const { id } of definitions) versions.push(...((await target.get(`${definitionsPath(account)}/${id}`).set(AUTH)).body as JsonObject[]));
  }
  return versions;
}

describe('8x8 seeded timeline', () => {
  it.each([REFERENCE_DATE, '2031-05-05T10:07:00.000Z'])(
    'ends at the clock start %s: the newest workflow within the hour, active ones hours old, finished ones over weeks',
    async (start) => {
      const anchor = Date.parse(start);
      const workflows = await allWorkflows(at(start));
      const started = workflows.map((w) => Date.parse(w.startedAt));
      expect(Math.max(...started)).toBeLessThan(anchor);
      expect(Math.max(...started)).toBeGreaterThanOrEqual(anchor - HOUR);
      const active = workflows.filter((w) => w.status === 'Runnable' || w.status === 'Suspended');
      expect(active.length).toBeGreaterThan(10);
      expect(active.every((w) => Date.parse(w.startedAt) >= anchor - 8 * HOUR && w.completedAt === null)).toBe(true);
      const finished = workflows.filter((w) => w.completedAt !== null);
      expect(finished.every((w) => Date.parse(String(w.completedAt)) <= anchor)).toBe(true);
      expect(Math.min(...finished.map((w) => Date.parse(w.startedAt)))).toBeLessThan(anchor - 21 * DAY);
    },
  );

  it("keeps the documents' workflows and the documented definition at their 2021 dates", async () => {
    const target = at('2031-05-05T10:07:00.000Z');
    const listed = await listAll(target);
    expect(listed.slice(-2)).toEqual(examples.workflowList);
    const [documented] = (await target.get(`${definitionsPath()}/${DOCUMENTED_DEFINITION}`).set(AUTH)).body as JsonObject[];
    expect(documented?.['createdAt']).toBe('2021-06-29T09:00:00.000Z');
  });

  it('places every step log of a generated workflow inside its run, before the clock start', async () => {
    const target = at(REFERENCE_DATE);
    const workflows = (await listAll(target)).filter((w) => !EXAMPLES.has(w.workflowId)).slice(0, 80);
    for (const workflow of workflows) {
      const res = await target.get(`${workflowsPath()}/${workflow.workflowId}`).query({ includeLogs: true }).set(AUTH);
      const logs = res.body.logs as { startedAt: string; completedAt: string }[];
      const end = workflow.completedAt === null ? Date.parse(REFERENCE_DATE) : Date.parse(workflow.completedAt);
      for (const log of logs) {
        expect(Date.parse(log.startedAt)).toBeGreaterThanOrEqual(Date.parse(workflow.startedAt));
        expect(Date.parse(log.completedAt)).toBeLessThanOrEqual(end);
      }
      if (workflow.status === 'Complete') expect(logs.length).toBeGreaterThan(0);
    }
  });
});

describe('8x8 seeded definitions', () => {
  it('use only the eight documented step types, each with its required properties and inputs', async () => {
    for (const version of await allDefinitionVersions(at(REFERENCE_DATE))) {
      expectSchema(schemaId('definition.json'), version);
      const steps = (version['definition'] as { steps: JsonObject[] }).steps;
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) {
        expect(STEP_TYPES).toContain(step['stepType']);
        expectSchema(schemaId('definition.json#/$defs/DocumentedStep'), step);
      }
    }
  });

  it('chain their steps by ids that exist, omit nextStepId on a last step, and script with {{...}} expressions', async () => {
    for (const version of await allDefinitionVersions(at(REFERENCE_DATE))) {
      const steps = (version['definition'] as { steps: JsonObject[] }).steps;
      const ids = new Set(steps.map((step) => step['id']));
      for (const step of steps) {
        expect(step).not.toHaveProperty('nextStepId', null);
        if ('nextStepId' in step) expect(ids.has(step['nextStepId'])).toBe(true);
        for (const next of Object.keys((step['selectNextStep'] as JsonObject | undefined) ?? {})) expect(ids.has(next)).toBe(true);
        if (step['stepType'] === 'Wait') expect(String((step['inputs'] as JsonObject)['duration'])).toMatch(/^(\d+\.)?\d{2}:\d{2}:\d{2}$|^\d+$/);
      }
      expect(JSON.stringify(steps)).toMatch(/\{\{data\.[^}]+\}\}/);
    }
  });

  it('omit subAccountId when a definition listens on every subaccount, never null', async () => {
    const versions = await allDefinitionVersions(at(REFERENCE_DATE));
    expect(versions.some((v) => !('subAccountId' in v))).toBe(true);
    expect(versions.every((v) => v['subAccountId'] === undefined || typeof v['subAccountId'] === 'string')).toBe(true);
  });
});
