import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { EngineAdmin } from '../engine/administration.ts';
import type { ApiPack } from '../engine/pack.ts';
import { fill, matchesState, resolveState, stateRecord, type ResolvedState } from './states.ts';

// Pact's provider-state setup call (`POST /__admin/provider-states`), served from the packs' declared states.

export interface StateCall {
  readonly state: string;
  readonly params?: Readonly<Record<string, Json>>;
  readonly action?: string;
}

const PAGE = 500;

/** Sets a declared state up in one session: the consumer's record, copied from a seeded one in that state. */
export async function setUpState(admin: EngineAdmin, packs: readonly ApiPack[], call: StateCall, session: string): Promise<Result<JsonParams, string>> {
  const declared = packs.flatMap((pack) => (pack.providerStates ?? []).map((declaration) => ({ pack, declaration })));
  const resolved = resolveState(
    declared.map((d) => d.declaration),
    call.state,
    call.params,
  );
  if (!resolved.ok) return resolved;
  const pack = declared.find((d) => d.declaration === resolved.value.declaration)?.pack;
  if (!pack) return fail(`No API declares "${call.state}".`);
  if (call.action === 'teardown') return ok(resolved.value.params);
  const given = call.params?.['fields'];
  const fields = isJsonObject(given) ? given : {};
  const made = await ensureRecord(admin, pack, resolved.value, fields, session);
  return made.ok ? ok(resolved.value.params) : made;
}

type JsonParams = Readonly<Record<string, string>>;

async function ensureRecord(admin: EngineAdmin, pack: ApiPack, resolved: ResolvedState, fields: JsonObject, session: string): Promise<Result<true, string>> {
  const { collection } = resolved.declaration;
  const wanted = fill(resolved.declaration.id, resolved.params);
  const existing = (await admin.records(pack.id, collection, { session, ids: [wanted] }))?.records[0];
  if (existing) {
    if (matchesState(existing.data, resolved)) return ok(true);
    return fail(`${pack.id} ${collection}/${wanted} already exists in this session, in another state than "${resolved.declaration.name}" asks for.`);
  }
  for (let offset = 0; ; offset += PAGE) {
    const page = await admin.records(pack.id, resolved.declaration.from ?? collection, { session, offset, limit: PAGE });
    if (!page) return fail(`No API ${pack.id}`);
    const seeded = page.records.find((record) => matchesState(record.data, resolved));
    if (seeded) {
      const copy = stateRecord(seeded.data, resolved, fields);
      const loaded = await admin.loadFixtures(pack.id, { [collection]: [{ id: copy.id, data: copy.data, meta: seeded.meta }] }, session);
      return loaded.ok ? ok(true) : fail(loaded.error.join('; '));
    }
    if (page.records.length < PAGE)
      return fail(
        `${pack.id} has no seeded ${resolved.declaration.from ?? collection} record to copy for "${resolved.declaration.name}" with ${JSON.stringify(resolved.params)}.`,
      );
  }
}
