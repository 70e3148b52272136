import { describe, expect, it } from 'vitest';
import { expectSchema } from '../support/schemas.ts';
import { targetFor } from '../support/target.ts';
import { ACCOUNT, AUTH, schemaId } from './support.ts';

/** GET .../steps/timezones (get-timezones) and GET .../steps/functions (get-functions): static lists. */
const TIMEZONES = `/api/v1/accounts/${ACCOUNT}/steps/timezones`;
type Zone = { id: string; name: string };

describe('8x8 step time zones and functions', () => {
  const target = targetFor('8x8');

  it('lists the supported time zones with Windows ids and display names', async () => {
    const res = await target.get(TIMEZONES).set(AUTH);
    expect(res.status).toBe(200);
    expectSchema(schemaId('timezone-list.json'), res.body);
    const ids = (res.body as Zone[]).map((zone) => zone.id);
    expect(ids).toEqual(expect.arrayContaining(['UTC', 'Singapore Standard Time', 'W. Europe Standard Time', 'Eastern Standard Time']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([['europe'], ['EUROPE'], ['EuRoPe']])('filters with contains=%s, case-insensitive, on the id or the name', async (contains) => {
    const res = await target.get(TIMEZONES).query({ contains }).set(AUTH);
    const zones = res.body as Zone[];
    expect(zones.map((zone) => zone.id)).toEqual([
      'W. Europe Standard Time',
      'Central Europe Standard Time',
      'Central European Standard Time',
      'E. Europe Standard Time',
    ]);
  });

  it('matches the display name too: contains=singapore finds the zone whose name says so', async () => {
    const res = await target.get(TIMEZONES).query({ contains: 'singapore' }).set(AUTH);
    expect((res.body as Zone[]).map((zone) => zone.id)).toEqual(['Singapore Standard Time']);
  });

  it('answers an empty list when nothing matches, and every zone for an empty filter', async () => {
    expect((await target.get(TIMEZONES).query({ contains: 'atlantis' }).set(AUTH)).body).toEqual([]);
    const all = (await target.get(TIMEZONES).set(AUTH)).body as Zone[];
    expect((await target.get(TIMEZONES).query({ contains: '' }).set(AUTH)).body).toEqual(all);
  });

  it('lists the custom JavaScript functions the documents use', async () => {
    const res = await target.get(`/api/v1/accounts/${ACCOUNT}/steps/functions`).set(AUTH);
    expect(res.status).toBe(200);
    expectSchema(schemaId('function-list.json'), res.body);
    expect((res.body as { name: string }[]).map((fn) => fn.name)).toEqual(['isCountryCode', 'isDayOfWeek', 'IsTimeOfDayBetween', 'uuid']);
  });

  it('asks for a bearer token like every 8x8 call', async () => {
    expect((await target.get(TIMEZONES)).status).toBe(401);
  });
});
