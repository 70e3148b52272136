import { describe, expect, it } from 'vitest';
import { allPacks } from '../mocks/index.ts';
import { scenarios, unbenched } from './scenarios.ts';

describe('benchmark scenarios', () => {
  it('gathers every scenario the packs declare, each named once and naming its API', () => {
    expect(new Set(scenarios.map((scenario) => scenario.name)).size).toBe(scenarios.length);
    expect(scenarios.every((scenario) => allPacks.some((pack) => pack.id === scenario.api))).toBe(true);
  });

  it('names every pack, with a scenario or with why it has none', () => {
    const named = new Set([...scenarios.map((scenario) => scenario.api), ...unbenched.map((line) => line.split(' ')[0])]);
    expect([...named].sort()).toEqual(allPacks.map((pack) => pack.id).sort());
  });
});
