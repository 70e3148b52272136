import type { Json, JsonObject } from '../core/json.ts';
import type { Operation } from './pack.ts';

// Typed operation input. Validation (src/engine/input.ts) leaves each part of a request in the shape its request
// schema says: path, query and header values coerced to their schemas' types with documented defaults filled in, the
// body checked as it came. `npm run inputs` (scripts/input-types.ts) writes those shapes for every operation of a pack
// into `mocks/<api>/inputs.generated.ts`; a pack declares its operations through `typedOperations<Inputs>()`, so its
// callbacks read `input.query.limit` as a number, and a misspelt or undeclared name does not compile.

/** What validation guarantees of each part of an operation's request. */
export interface RequestInput {
  readonly params: object;
  readonly query: object;
  readonly headers: object;
  readonly body: unknown;
}

/** Any operation's input as plain JSON: what the engine, and a pack-wide rule (a guard), see. */
export interface JsonInput extends RequestInput {
  readonly params: JsonObject;
  readonly query: JsonObject;
  readonly headers: JsonObject;
  readonly body: Json | undefined;
}

/**
 * The input of a callback several operations share (a record target, a parent lookup): the parts it reads, the others
 * unreadable. `RecordTarget<Reads<{ params: IdPath }>>` serves every operation whose path parameters include IdPath's.
 */
export type Reads<R extends Partial<RequestInput>> = Omit<Unread, keyof R> & R;

/** Parts nothing may be read from: no property names to read, and `unknown` for the body. */
interface Unread extends RequestInput {
  readonly params: object;
  readonly query: object;
  readonly headers: object;
  readonly body: unknown;
}

/** A schema's type with the properties whose defaults validation fills in made present (generated inputs use it). */
export type Filled<T, K extends keyof T> = T & { readonly [P in K]-?: Exclude<T[P], undefined> };

/** A body as an action sees it: when the schema admits null, a request without a body arrives as undefined. */
export type SentBody<T> = null extends T ? T | undefined : T;

/**
 * Declares operations whose callbacks read their generated input: `const operation = typedOperations<Inputs>()`, then
 * `operation({ id: 'listRuns', ... })`; the id picks the input type. The result joins the pack's one list of operations.
 */
export function typedOperations<Inputs extends { readonly [K in keyof Inputs]: RequestInput }>() {
  // The engine calls these callbacks only with input validated against the schemas `Inputs` was generated from, and
  // mocks/input-types.test.ts fails when the generated file no longer matches them: so erasing the type is safe.
  return <K extends keyof Inputs & string>(operation: Operation<Inputs[K]> & { readonly id: K }): Operation => operation as unknown as Operation;
}
