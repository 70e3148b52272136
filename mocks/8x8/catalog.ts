import type { JsonObject } from '../../src/core/json.ts';
import { mockError } from '../../src/core/errors.ts';
import { text } from '../../src/engine/helpers.ts';
import type { Operation } from '../../src/engine/pack.ts';
import { typedOperations } from '../../src/engine/typed-input.ts';
import type { NewRecord } from '../../src/store/store.ts';
import catalog from '../../fixtures/8x8/catalog.json' with { type: 'json' };
import type { Inputs } from './inputs.generated.ts';
import { schemaId } from './schema-ids.ts';

// The static lists of automation_api.json's "Miscellaneous" tag: supported time zones and the custom JavaScript
// functions. The same for every account; stored as one record each so that they live in the store like every answer.

export function catalogRecords(): NewRecord[] {
  return [
    { id: 'timezones', data: { items: catalog.timezones } },
    { id: 'functions', data: { items: catalog.functions as unknown as JsonObject[] } },
  ];
}

const itemsOf = (data: JsonObject): JsonObject[] => (Array.isArray(data['items']) ? (data['items'] as JsonObject[]) : []);

/** get-timezones' `contains`: case-insensitive, on the id or the name (its example lists ids that contain "Europe"). */
export function timezonesContaining(items: readonly JsonObject[], contains: string | undefined): JsonObject[] {
  if (contains === undefined) return [...items];
  const needle = contains.toLowerCase();
  return items.filter((zone) => text(zone['id']).toLowerCase().includes(needle) || text(zone['name']).toLowerCase().includes(needle));
}

const entry = (id: string) => ({
  collection: 'catalog',
  id: () => id,
  notFound: () => mockError('internal', `The ${id} list is missing from the seed.`),
});

export function catalogOperations(): Operation[] {
  const operation = typedOperations<Inputs>();
  return [
    operation({
      id: 'listTimezones',
      method: 'GET',
      path: '/api/v1/accounts/{accountId}/steps/timezones',
      summary: 'Supported time zones, for the time helpers; ?contains= filters by id or name, case-insensitive (get-timezones).',
      request: { params: schemaId('parameters.json#/$defs/AccountPath'), query: schemaId('parameters.json#/$defs/TimezonesQuery') },
      responses: { 200: schemaId('timezone-list.json') },
      action: {
        kind: 'get',
        ...entry('timezones'),
        view: (record, input) => timezonesContaining(itemsOf(record.data), input.query.contains),
      },
    }),
    operation({
      id: 'listFunctions',
      method: 'GET',
      path: '/api/v1/accounts/{accountId}/steps/functions',
      summary: 'The custom JavaScript functions available in inputs, outputs and selectNextStep (get-functions).',
      request: { params: schemaId('parameters.json#/$defs/AccountPath') },
      responses: { 200: schemaId('function-list.json') },
      action: { kind: 'get', ...entry('functions'), view: (record) => itemsOf(record.data) },
    }),
  ];
}
