import { existsSync } from 'node:fs';
import type { Scenario } from '../../bench/scenario.ts';
import { allPacks } from '../../mocks/index.ts';
import type { ContractSuite } from '../../src/contract/types.ts';
import type { Json, JsonObject } from '../../src/core/json.ts';
import type { ApiPack } from '../../src/engine/pack.ts';
import type { ModelDriver } from '../robustness/drivers.ts';

/**
 * What the cross-pack tests, the bench and the soak need to know about one API beyond its pack: declared in the pack's
 * own folder as `mocks/<id>/testing.ts` exporting `testing: PackTesting`, and found by the pack's id, so a new pack
 * fills in one file and registers nothing else. Every part is optional: a pack without one gets the generic tests
 * that need nothing, and a test that needs a missing part skips that pack and prints why (`skipReason`).
 */
export interface PackTesting {
  /** The vendor's contract, written once: run by `npm run contract` against any target, and by vitest against the mock. */
  readonly suites?: readonly ContractSuite[];
  /** What a valid generated request needs (credentials, ids that exist, meaningful query values), read from the mock. */
  readonly context?: (call: PackCall) => Promise<PackContext>;
  /** How the model-based tests create, move, read and page this API's runs. */
  readonly model?: (call: PackCall) => Promise<ModelDriver>;
  /** What `npm run bench` and `npm run soak` ask of this API. */
  readonly bench?: readonly Scenario[];
  /** Where the seeded runs are and how to read them, for the live-data checks. */
  readonly seededRuns?: SeededRuns;
  /** The vendor's own OpenAPI document, below the vendor folder (contract-tests/support/vendor.ts), for the conformance test. */
  readonly vendorDocument?: string;
  /** Why a part is left out on purpose, printed instead of the generic "not declared". */
  readonly notApplicable?: Readonly<Partial<Record<TestingPart, string>>>;
}

export type TestingPart = Exclude<keyof PackTesting, 'notApplicable'>;

/** What a valid request to an API needs beyond its schemas (the robustness tests' context). */
export interface PackContext {
  readonly headers: Readonly<Record<string, string>>;
  /** Existing values per path parameter name. */
  readonly pathValues: Readonly<Record<string, readonly string[]>>;
  /** Query values that replace generated ones in valid requests. */
  readonly query: Readonly<Record<string, string>>;
  /** Per operation id, body fields that replace generated ones (references to records that exist, real credentials). */
  readonly body?: Readonly<Record<string, JsonObject>>;
}

/** One request to the API under test, in process: a path below the mount, query pairs, headers, a JSON body. */
export interface PackRequest {
  readonly method: string;
  readonly path: string;
  readonly query?: readonly (readonly [string, string])[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Json;
}

export interface PackAnswer {
  readonly status: number;
  readonly payload: Json | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

export type PackCall = (request: PackRequest) => Promise<PackAnswer>;

/** The seeded runs of one collection, read straight from the store by the live-data checks. */
export interface SeededRuns {
  readonly collection: string;
  readonly created: (data: JsonObject) => string;
  readonly active: (data: JsonObject) => boolean;
  /** A record that is the documents' own example, with its own dates. */
  readonly example?: string;
  /** Only the runs of the generated kind (hand-written model records keep the document's dates). */
  readonly generated?: (id: string) => boolean;
  /** The seed has no finished runs (all its generated records await their first decision). */
  readonly noneFinished?: boolean;
}

const loaded = new Map<string, Promise<PackTesting | undefined>>();

/** The pack's testing declaration (`mocks/<id>/testing.ts`), or undefined when it has none. */
export function testingOf(pack: ApiPack): Promise<PackTesting | undefined> {
  let found = loaded.get(pack.id);
  if (!found) {
    const file = new URL(`../../mocks/${pack.id}/testing.ts`, import.meta.url);
    found = existsSync(file) ? import(file.href).then((module: { testing?: PackTesting }) => module.testing) : Promise.resolve(undefined);
    loaded.set(pack.id, found);
  }
  return found;
}

export interface DeclaredPack {
  readonly pack: ApiPack;
  readonly testing: PackTesting;
}

/** Every mounted pack with its testing declaration (an empty one when it has none), in mount order. */
export async function declaredPacks(packs: readonly ApiPack[] = allPacks): Promise<DeclaredPack[]> {
  return Promise.all(packs.map(async (pack) => ({ pack, testing: (await testingOf(pack)) ?? {} })));
}

/** Why a test needing `part` cannot run for this pack, or undefined when the pack declares it. */
export function skipReason({ pack, testing }: DeclaredPack, part: TestingPart): string | undefined {
  if (testing[part] !== undefined) return undefined;
  return `${pack.id}: ${testing.notApplicable?.[part] ?? `no ${part} declared in mocks/${pack.id}/testing.ts`}`;
}

/**
 * Splits the packs into those declaring `part` and the rest, printing why each of the rest is skipped, so no pack is
 * ever left out silently.
 */
export function withPart<K extends TestingPart>(
  declared: readonly DeclaredPack[],
  part: K,
  what: string,
): (DeclaredPack & { readonly testing: PackTesting & Required<Pick<PackTesting, K>> })[] {
  for (const entry of declared) {
    const reason = skipReason(entry, part);
    if (reason) console.log(`${what} skipped for ${reason}`);
  }
  return declared.filter(
    (entry): entry is DeclaredPack & { readonly testing: PackTesting & Required<Pick<PackTesting, K>> } => entry.testing[part] !== undefined,
  );
}
