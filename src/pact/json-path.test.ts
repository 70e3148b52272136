import { expect, it } from 'vitest';
import { pointerOf } from './json-path.ts';

it('turns pact JSON paths into JSON pointers', () => {
  expect(pointerOf('$.body.items[0].id')).toBe('/items/0/id');
  expect(pointerOf("$['a.b'].c")).toBe('/a.b/c');
  expect(pointerOf('$')).toBe('');
});
