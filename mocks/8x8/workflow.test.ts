import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/core/json.ts';
import { timezonesContaining } from './catalog.ts';
import { timespanMs } from './seeded-workflows.ts';
import { runPath, shownLogs, stepLogs } from './workflow.ts';

const steps: JsonObject[] = [
  { id: 'route', stepType: 'Branch', selectNextStep: { us: "{{isCountryCode(data.payload.user.msisdn, 'US')}}", other: null, ghost: 'x' } },
  { id: 'us', stepType: 'SMS', nextStepId: 'done' },
  { id: 'other', stepType: 'HttpRequest', nextStepId: 'route' },
  { id: 'done', stepType: 'Wait', inputs: { duration: '2' } },
];

describe('8x8 workflow paths and logs', () => {
  it('follows nextStepId and the branch chosen among those naming a step', () => {
    expect(runPath(steps, (options) => options[0]).map((s) => s['id'])).toEqual(['route', 'us', 'done']);
    expect(
      runPath(steps, (options) => {
        expect(options).toEqual(['us', 'other']);
        return 'other';
      }).map((s) => s['id']),
    ).toEqual(['route', 'other']);
  });

  it('stops at a step it has visited, so a definition that loops back ends', () => {
    expect(
      runPath(
        [
          { id: 'a', nextStepId: 'b' },
          { id: 'b', nextStepId: 'a' },
        ],
        () => undefined,
      ).map((s) => s['id']),
    ).toEqual(['a', 'b']);
  });

  it('shows only the steps that have run, each with both times', () => {
    const progress = { current: 1, currentStatus: 'Running' as const, startTimes: ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z'], endTime: null };
    const logs = stepLogs(steps.slice(0, 3), progress, ['l1', 'l2', 'l3']);
    expect(logs.map((log) => log['status'])).toEqual(['Complete', 'Running', 'Pending']);
    expect(shownLogs(logs)).toEqual([
      { id: 'l1', stepName: 'route', startedAt: '2026-01-01T00:00:00.000Z', completedAt: '2026-01-01T00:00:01.000Z', status: 'Complete' },
    ]);
  });
});

describe('8x8 step values', () => {
  it.each([
    ['00:02:00', 120_000],
    ['1.6:30:15', ((30 * 60 + 30) * 60 + 15) * 1000],
    ['2', 2 * 86_400_000],
    ['soon', undefined],
  ])('reads the TimeSpan %s', (value, ms) => {
    expect(timespanMs(value)).toBe(ms);
  });

  it('filters time zones by id or name, ignoring case', () => {
    const zones = [
      { id: 'W. Europe Standard Time', name: 'Amsterdam, Berlin (UTC+01:00)' },
      { id: 'Singapore Standard Time', name: 'Kuala Lumpur, Singapore (UTC+08:00)' },
    ];
    expect(timezonesContaining(zones, 'EUROPE').map((z) => z['id'])).toEqual(['W. Europe Standard Time']);
    expect(timezonesContaining(zones, 'berlin').map((z) => z['id'])).toEqual(['W. Europe Standard Time']);
    expect(timezonesContaining(zones, undefined)).toEqual(zones);
  });
});
