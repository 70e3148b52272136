import { expect, it } from 'vitest';
import { readPact, renameStates } from './pact-file.ts';

it('reads a v2 interaction with its state and query string', () => {
  const pact = readPact({
    interactions: [{ description: 'd', providerState: 's', request: { method: 'get', path: '/x', query: 'a=1&a=2' }, response: { status: 200 } }],
    metadata: { pactSpecification: { version: '2.0.0' } },
  });
  expect(pact.spec).toBe(2);
  expect(pact.interactions[0]?.states).toEqual([{ name: 's', params: {} }]);
  expect(pact.interactions[0]?.request.query).toEqual([
    ['a', '1'],
    ['a', '2'],
  ]);
});

it('reads v4 bodies and skips message interactions', () => {
  const pact = readPact({
    interactions: [
      {
        type: 'Synchronous/HTTP',
        request: { method: 'GET', path: '/x' },
        response: { status: 200, body: { content: { a: 1 }, contentType: 'application/json' } },
      },
      { type: 'Asynchronous/Messages', description: 'event' },
    ],
    metadata: { pactSpecification: { version: '4.0' } },
  });
  expect(pact.interactions[0]?.response.body).toEqual({ a: 1 });
  expect(pact.interactions[1]?.skip).toMatch(/Asynchronous\/Messages/);
});

it('renames provider states through the --states map', () => {
  const [interaction] = readPact({ interactions: [{ providerStates: [{ name: 'mine', params: { id: '1' } }], request: {}, response: {} }] }).interactions;
  if (!interaction) throw new Error('no interaction');
  expect(renameStates(interaction, { mine: 'declared' })['providerStates']).toEqual([{ name: 'declared', params: { id: '1' } }]);
});
