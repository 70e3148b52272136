import type { Engine } from '../../src/engine/engine.ts';
import { packCall } from '../support/pack-call.ts';
import type { DeclaredPack, PackContext } from '../support/pack-testing.ts';

export type { PackContext } from '../support/pack-testing.ts';

// What a valid request to each API needs beyond its schemas: credentials, the ids that exist (so valid requests can
// succeed), and values that make a request meaningful rather than merely well-formed (a namespace that holds runs, a
// tenant that exists). Each pack declares how to gather them from the running mock (`context` in
// `mocks/<id>/testing.ts`); a pack without one gets an empty context, enough for the tests that need nothing.

export const EMPTY_CONTEXT: PackContext = { headers: {}, pathValues: {}, query: {} };

export async function packContexts(engine: Engine, declared: readonly DeclaredPack[]): Promise<Record<string, PackContext>> {
  const contexts: Record<string, PackContext> = {};
  for (const { pack, testing } of declared) contexts[pack.id] = testing.context ? await testing.context(packCall(engine, pack.id)) : EMPTY_CONTEXT;
  return contexts;
}
