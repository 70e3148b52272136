import { endOfDay, parseInstant } from '../../src/core/time.ts';
import { mockError } from '../../src/core/errors.ts';
import { fail, ok } from '../../src/core/result.ts';
import type { OperationInput, Outcome } from '../../src/engine/pack.ts';
import type { Reads } from '../../src/engine/typed-input.ts';
import type { Condition } from '../../src/store/query.ts';
import type { Inputs } from './inputs.generated.ts';

/** The input of every Twinit operation: its query names the namespaces it may see. */
export type Namespaced = OperationInput<Reads<{ query: Inputs['getWorkflowDef']['query'] }>>;

/** The namespaces named by `nsfilter` (comma-separated). */
export const namespacesOf = (input: Namespaced): string[] =>
  input.query.nsfilter
    .split(',')
    .map((ns) => ns.trim())
    .filter((ns) => ns.length > 0);

/** A workflow or definition is visible only through an nsfilter naming one of its `_namespaces` (seed 002). */
export const visibleThrough = (input: Namespaced): Condition[] => [{ field: '_namespaces', op: 'overlaps', values: namespacesOf(input) }];

/**
 * The startDate/endDate window on `_createdAt`: startDate is inclusive from its instant (a date: its midnight UTC);
 * endDate as a date includes that whole day, as a date-time it is an inclusive instant.
 */
export function createdWindow(input: OperationInput<Reads<{ query: Inputs['listWorkflows']['query'] }>>): Outcome<Condition[]> {
  const conditions: Condition[] = [];
  const start = input.query.startDate;
  if (start !== undefined) {
    const ms = parseInstant(start);
    if (ms === undefined) return fail(mockError('invalidRequest', `startDate is not a date or date-time: ${start}`));
    conditions.push({ field: '_createdAt', op: 'gte', value: ms, as: 'time' });
  }
  const end = input.query.endDate;
  if (end !== undefined) {
    const dayEnd = endOfDay(end);
    const ms = dayEnd ?? parseInstant(end);
    if (ms === undefined) return fail(mockError('invalidRequest', `endDate is not a date or date-time: ${end}`));
    conditions.push({ field: '_createdAt', op: dayEnd === undefined ? 'lte' : 'lt', value: ms, as: 'time' });
  }
  return ok(conditions);
}
