import { describe, expect, it } from 'vitest';
import { matchesState, namedParams, resolveState, stateRecord, type ProviderStateDeclaration } from './states.ts';

const run: ProviderStateDeclaration = {
  name: 'a run {id} is {state}',
  collection: 'runs',
  id: '{id}',
  match: { '/state': '{state}' },
  set: { '/id': '{id}', '/number': '{id}' },
  allowed: { state: ['running', 'failed'] },
};

it('reads the params a concrete state name carries', () => {
  expect(namedParams('a run {id} is {state}', 'a run r-1 is running')).toEqual({ id: 'r-1', state: 'running' });
  expect(namedParams('a run {id} is {state}', 'something else')).toBeUndefined();
});

it('takes v3 params beside a templated name', () => {
  const resolved = resolveState([run], 'a run {id} is {state}', { id: 'r-2', state: 'failed' });
  expect(resolved.ok && resolved.value.params).toEqual({ id: 'r-2', state: 'failed' });
});

it('lists the known states for an unknown one', () => {
  const resolved = resolveState([run], 'the moon is full');
  expect(!resolved.ok && resolved.error).toBe('Unknown provider state "the moon is full". Known states: "a run {id} is {state}".');
});

it('refuses a value the declaration does not allow', () => {
  const resolved = resolveState([run], 'a run r-1 is sleeping');
  expect(!resolved.ok && resolved.error).toMatch(/known values: running, failed/);
});

it('copies a seeded record with the consumer id, keeping numbers numbers', () => {
  const resolved = resolveState([run], 'a run 77 is running');
  if (!resolved.ok) throw new Error(resolved.error);
  expect(matchesState({ state: 'running' }, resolved.value)).toBe(true);
  expect(matchesState({ state: 'failed' }, resolved.value)).toBe(false);
  expect(stateRecord({ id: 'seed', number: 5, state: 'running' }, resolved.value)).toEqual({ id: '77', data: { id: '77', number: 77, state: 'running' } });
});

describe('state records from a caller', () => {
  it('writes fields by pointer but never through a prototype', () => {
    const resolved = {
      declaration: { name: 'a run {id} is {status}', collection: 'runs', id: '{id}', match: { '/status': '{status}' }, set: { '/id': '{id}' } },
      params: { id: 'r1', status: 'done' },
    };
    const made = stateRecord({ id: 'seed', status: 'done', data: { payload: {} } }, resolved, {
      '/data/payload': { orderId: '42' },
      '/__proto__/polluted': true,
      '/constructor/prototype/polluted': true,
      '/data/__proto__': { polluted: true },
    });
    expect(made).toEqual({ id: 'r1', data: { id: 'r1', status: 'done', data: { payload: { orderId: '42' } } } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(made.data['data'])).toBe(Object.prototype);
  });
});
