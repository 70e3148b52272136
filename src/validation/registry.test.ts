import { describe, expect, it } from 'vitest';
import { describeIssue } from './describe.ts';
import { createSchemaRegistry } from './registry.ts';

const registry = createSchemaRegistry([
  {
    $id: 'https://test.local/p.json',
    type: 'object',
    required: ['name'],
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
      flag: { type: 'boolean' },
      state: { enum: ['a', 'b'] },
      name: { type: 'string', 'x-error': { code: 5001, message: 'Name is required.' } },
    },
  },
]);

describe('schema registry', () => {
  it('coerces parameter strings and fills defaults on a copy', () => {
    const raw = { flag: 'true', name: 'n' };
    expect(registry.coerce('https://test.local/p.json', raw)).toEqual({ value: { flag: true, name: 'n', limit: 100 }, issues: [] });
    expect(raw).toEqual({ flag: 'true', name: 'n' });
  });

  it('does not coerce when checking bodies', () => {
    expect(registry.check('https://test.local/p.json', { name: 'n', limit: '5' })).toMatchObject([{ pointer: '/limit', keyword: 'type' }]);
  });

  it('reports a missing property with its own x-error', () => {
    const [issue] = registry.check('https://test.local/p.json', {});
    expect(issue).toMatchObject({ pointer: '/name', keyword: 'required', vendorMessage: 'Name is required.', vendorCode: 5001 });
  });

  it('throws for an unknown schema id: a pack bug, not a request error', () => {
    expect(() => registry.check('https://test.local/missing.json', {})).toThrow(/Unknown schema/);
  });
});

describe('describeIssue', () => {
  it('names the parameter and the rule', () => {
    const [issue] = registry.coerce('https://test.local/p.json', { name: 'n', limit: '0' }).issues;
    expect(issue && describeIssue(issue, 'query')).toBe("query parameter 'limit' must be >= 1");
  });

  it('lists the allowed values of an enum', () => {
    const [issue] = registry.check('https://test.local/p.json', { name: 'n', state: 'c' });
    expect(issue && describeIssue(issue, 'body')).toBe("body field 'state' must be one of: a, b");
  });
});
