import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import { curlLine } from '../contract/http-call.ts';
import { pointerOf } from './json-path.ts';
import { resolveState, type ProviderStateDeclaration } from './states.ts';
import { comparatorPact, readPact, renameStates, singleInteractionPact, type PactDocument, type PactInteraction } from './pact-file.ts';

// `npm run contract -- --pact FILE...`: each HTTP interaction checked twice. The schema half asks PactFlow's
// openapi-pact-comparator whether the request and the expected response fit the API's OpenAPI document; the
// behaviour half has Pact's own verifier (pact-core) replay it against the stateful mock, in a fresh X-Mock-Session
// after its provider states are set up there, and compare under the pact's matching rules (decision 008).

export type Outcome = 'pass' | 'fail' | 'skipped' | 'vendor-differs';

export interface Reason {
  readonly half: 'schema' | 'behaviour' | 'route' | 'state';
  readonly pointer: string;
  readonly message: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
}

export interface InteractionVerdict {
  readonly file: string;
  readonly consumer: string;
  readonly provider: string;
  readonly spec: number;
  readonly description: string;
  readonly api?: string;
  readonly outcome: Outcome;
  readonly reasons: readonly Reason[];
  readonly curl?: string;
}

/**
 * The comparator makes every response property optional (a consumer names only what it reads), so a body that fits
 * the smaller of two `oneOf` branches whose properties nest (Amperity's run overview inside its verbose view) fits both
 * and "must match exactly one": a limit of that transformation, not a contract error. The behaviour half still checks
 * the real answer, which the mock validates against the whole schema.
 */
const AMBIGUOUS_ONE_OF = /must match exactly one schema in oneOf/;

/** What a comparator answers (the subset we read). */
export interface SchemaFinding {
  readonly code: string;
  readonly message: string;
  readonly type: 'error' | 'warning';
  readonly mockDetails?: { readonly location: string; readonly value: unknown };
}

export interface PactTarget {
  readonly apis: readonly string[];
  /** Where an API's vendor paths start on the target, e.g. `http://127.0.0.1:4010/8x8`. */
  baseUrl(api: string): string;
  /** The target's provider-state setup URL (`POST /__admin/provider-states`). */
  readonly statesUrl: string;
  /** The schema half: the findings for a one-interaction pact against an API's OpenAPI document. */
  compare(api: string, pact: JsonObject): Promise<readonly SchemaFinding[]>;
  /** The behaviour half: Pact's verifier on one one-interaction pact file; mismatches, none when it passed. */
  replay(file: string, providerBaseUrl: string, statesUrl: string, session: string): Promise<readonly Reason[]>;
}

export interface PactRun {
  readonly files: readonly { readonly name: string; readonly pact: JsonObject }[];
  /** A team's own provider-state names mapped onto the declared ones (`--states FILE`). */
  readonly stateNames?: Readonly<Record<string, string>>;
  readonly target: PactTarget;
  /** The provider states the APIs declare, to name an unknown one before any replay. */
  readonly declarations: readonly ProviderStateDeclaration[];
}

/** Warnings the comparator gives that are the vendor's refusals all the same: a query parameter it does not have. */
const FAILING_WARNINGS = new Set(['request.query.unknown', 'request.body.unknown']);

let sessions = 0;

export async function verifyPacts(run: PactRun): Promise<InteractionVerdict[]> {
  const verdicts: InteractionVerdict[] = [];
  const folder = mkdtempSync(join(tmpdir(), 'pact-verify-'));
  try {
    for (const { name, pact } of run.files) {
      const document = readPact(pact);
      for (const interaction of document.interactions) verdicts.push(await verifyOne(run, folder, name, document, interaction));
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return verdicts;
}

async function verifyOne(run: PactRun, folder: string, file: string, document: PactDocument, interaction: PactInteraction): Promise<InteractionVerdict> {
  const base = { file, consumer: document.consumer, provider: document.provider, spec: document.spec, description: interaction.description };
  if (interaction.skip) return { ...base, outcome: 'skipped', reasons: [{ half: 'route', pointer: '', message: interaction.skip }] };
  const { target } = run;
  const comparable = comparatorPact(document, interaction);
  let api: string | undefined;
  let findings: readonly SchemaFinding[] = [];
  for (const candidate of target.apis) {
    const found = await target.compare(candidate, comparable);
    if (found.some((f) => f.code === 'request.path-or-method.unknown')) continue;
    api = candidate;
    findings = found;
    break;
  }
  if (api === undefined) {
    const message = `${interaction.request.method} ${interaction.request.path} matches no operation of ${target.apis.join(', ')}`;
    return { ...base, outcome: 'fail', reasons: [{ half: 'route', pointer: '', message }] };
  }
  const schema: Reason[] = findings
    .filter((f) => (f.type === 'error' || FAILING_WARNINGS.has(f.code)) && !AMBIGUOUS_ONE_OF.test(f.message))
    .map((f) => ({
      half: 'schema',
      pointer: locationPointer(f.mockDetails?.location ?? ''),
      message: `${f.code}: ${f.message}`,
      actual: f.mockDetails?.value,
    }));
  const unknown = interaction.states.flatMap((state) => {
    const resolved = resolveState(run.declarations, run.stateNames?.[state.name] ?? state.name, state.params);
    return resolved.ok ? [] : [{ half: 'state' as const, pointer: '', message: resolved.error }];
  });
  if (unknown.length > 0) return { ...base, api, outcome: 'fail', reasons: [...schema, ...unknown] };
  const session = `pact-${process.pid}-${++sessions}`;
  const single = join(folder, `interaction-${sessions}.json`);
  writeFileSync(single, JSON.stringify(singleInteractionPact(document, renameStates(interaction, run.stateNames ?? {}))));
  const statesUrl = `${target.statesUrl}?session=${encodeURIComponent(session)}&api=${encodeURIComponent(api)}`;
  const behaviour = await target.replay(single, target.baseUrl(api), statesUrl, session);
  const curl = curlOf(target.baseUrl(api), interaction, session);
  const outcome: Outcome = behaviour.length === 0 && schema.length === 0 ? 'pass' : schema.length === 0 ? 'vendor-differs' : 'fail';
  return { ...base, api, outcome, reasons: [...schema, ...behaviour], ...(outcome === 'pass' ? {} : { curl }) };
}

/** The comparator's `[root].interactions[0].response.body.foo` as `/response/body/foo`. */
function locationPointer(location: string): string {
  return pointerOf(`$${location.replace(/^\[root\]\.interactions\[\d+\]/, '')}`);
}

function curlOf(baseUrl: string, interaction: PactInteraction, session: string): string {
  const { request } = interaction;
  const query = request.query.length ? `?${new URLSearchParams(request.query.map(([k, v]): [string, string] => [k, v]))}` : '';
  const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  return curlLine({
    method: request.method,
    url: `${baseUrl}${request.path}${query}`,
    headers: { ...request.headers, 'X-Mock-Session': session },
    ...(body === undefined ? {} : { body }),
  });
}

/** Reads pact-core's failure (a JSON text in the error's message) as reasons with pointers. */
export function reasonsOfVerifierError(error: unknown): Reason[] {
  const message = error instanceof Error ? error.message : String(error);
  let parsed: Json;
  try {
    parsed = JSON.parse(message) as Json;
  } catch {
    return [{ half: 'behaviour', pointer: '', message }];
  }
  const errors = isJsonObject(parsed) && Array.isArray(parsed['errors']) ? parsed['errors'] : [];
  const reasons = errors.flatMap((entry): Reason[] => {
    const mismatch = isJsonObject(entry) ? entry['mismatch'] : undefined;
    if (!isJsonObject(mismatch)) return [{ half: 'behaviour', pointer: '', message: JSON.stringify(entry) }];
    const list = Array.isArray(mismatch['mismatches']) ? mismatch['mismatches'] : [];
    if (list.length === 0) return [{ half: 'behaviour', pointer: '', message: String(mismatch['message'] ?? JSON.stringify(mismatch)) }];
    return list.filter(isJsonObject).map((m) => {
      const type = String(m['type'] ?? '');
      const where = type === 'StatusMismatch' ? '' : type === 'HeaderMismatch' ? `/headers/${String(m['key'] ?? '')}` : pointerOf(String(m['path'] ?? ''));
      return {
        half: 'behaviour',
        pointer: where,
        message: String(m['mismatch'] ?? type),
        ...(m['expected'] === undefined ? {} : { expected: m['expected'] }),
        ...(m['actual'] === undefined ? {} : { actual: m['actual'] }),
      };
    });
  });
  return reasons.length > 0 ? reasons : [{ half: 'behaviour', pointer: '', message }];
}
