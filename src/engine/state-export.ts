import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { SpaceDump } from '../store/store.ts';
import type { ApiPack } from './pack.ts';
import { isSessionName } from './spaces.ts';

/** A whole mock's state, as GET /__admin/state exports it and PUT imports it. */
export interface StateExport {
  readonly format: 'workflow-mocks-state';
  readonly version: 1;
  readonly seed: number;
  readonly exportedAt: string;
  readonly spaces: Readonly<Record<string, SpaceDump>>;
}

/** Checks an import's outline; the records themselves are taken as exported. */
export function parseStateExport(state: unknown, packs: readonly ApiPack[]): Result<StateExport, string> {
  if (!isJsonObject(state as Json) || (state as JsonObject)['format'] !== 'workflow-mocks-state' || (state as JsonObject)['version'] !== 1) {
    return fail('not a workflow-mocks state export (format "workflow-mocks-state", version 1)');
  }
  const exported = state as unknown as StateExport;
  if (!isJsonObject(exported.spaces as unknown as Json)) return fail('spaces must be an object of space -> collections');
  for (const [space, dump] of Object.entries(exported.spaces)) {
    const api = space.slice(space.lastIndexOf(':') + 1);
    if (!packs.some((pack) => pack.id === api) || !isSessionName(space.slice(0, space.lastIndexOf(':')))) return fail(`unknown space ${space}`);
    for (const [collection, records] of Object.entries(dump)) {
      if (
        !Array.isArray(records) ||
        !records.every(
          (r) =>
            isJsonObject(r as unknown as Json) &&
            typeof r.id === 'string' &&
            typeof r.seq === 'number' &&
            typeof r.version === 'number' &&
            isJsonObject(r.data) &&
            isJsonObject(r.meta),
        )
      ) {
        return fail(`${space}/${collection} must be a list of {id, seq, version, data, meta}`);
      }
    }
  }
  return ok(exported);
}
