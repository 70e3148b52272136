import { describe, expect, it } from 'vitest';
import { createControlledClock } from '../../src/core/clock.ts';
import { REFERENCE_DATE } from '../../src/engine/seeding.ts';
import { targetFor } from '../support/target.ts';
import { expectSchema } from '../support/schemas.ts';
import { AUTH, definitionsPath, examples, schemaId, workflowsPath } from './support.ts';

/** Every list the seed fills, as text, from a mock whose manual clock starts at `start` (the seed's anchor). */
async function snapshot(seed: number, start = REFERENCE_DATE): Promise<string[]> {
  const target = targetFor('8x8', { seed, controlledClock: createControlledClock('manual', Date.parse(start)) });
  const bodies: string[] = [];
  const definitions = await target.get(definitionsPath()).query({ limit: 500 }).set(AUTH);
  bodies.push(definitions.text);
  for (const definition of definitions.body as { id: string }[]) {
    bodies.push((await target.get(workflowsPath(definition.id)).query({ limit: 500 }).set(AUTH)).text);
    bodies.push((await target.get(`${definitionsPath()}/${definition.id}`).set(AUTH)).text);
  }
  return bodies;
}

describe('8x8 seeded data', () => {
  it.skipIf(process.env['CONTRACT_BASE_URL'])('is byte-identical for the same seed and clock start', async () => {
    expect(await snapshot(7)).toEqual(await snapshot(7));
    expect(await snapshot(7, '2031-05-05T10:07:00.000Z')).toEqual(await snapshot(7, '2031-05-05T10:07:30.000Z'));
  });

  it.skipIf(process.env['CONTRACT_BASE_URL'])('differs for another clock start, to the minute', async () => {
    expect(await snapshot(7, '2031-05-05T10:07:00.000Z')).not.toEqual(await snapshot(7, '2031-05-05T10:08:00.000Z'));
  });

  it.skipIf(process.env['CONTRACT_BASE_URL'])('differs for another seed but keeps the documented examples', async () => {
    const [a, b] = [await snapshot(7), await snapshot(8)];
    expect(a[0]).not.toBe(b[0]);
    const target = targetFor('8x8', { seed: 8 });
    const tail = await target.get(workflowsPath()).query({ offset: 258, limit: 10 }).set(AUTH);
    expect((tail.body as unknown[]).slice(-2)).toEqual(examples.workflowList);
  });

  it.skipIf(process.env['CONTRACT_BASE_URL'])('generates records that validate against the schemas for several seeds', async () => {
    for (const seed of [1, 2, 3]) {
      const [definitions, ...rest] = await snapshot(seed);
      expectSchema(schemaId('definition-list.json'), JSON.parse(definitions ?? ''));
      for (const [index, body] of rest.entries())
        expectSchema(schemaId(index % 2 === 0 ? 'workflow-instance-list.json' : 'definition-list.json'), JSON.parse(body));
    }
  });
});
