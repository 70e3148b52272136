import { isJsonObject, type Json, type JsonObject, valueAtPointer } from '../core/json.ts';
import { fail, ok, type Result } from '../core/result.ts';

// Provider states as data (issue 19): a pack declares the states a consumer can ask for, each a copy of a seeded
// record (the fixtures) in the asked-for state, given the consumer's ids. No handler code: the engine finds a seeded
// record whose fields match, copies it with the consumer's values, and loads it as a fixture in the session.

export interface ProviderStateDeclaration {
  /** The state's name with `{param}` placeholders, e.g. `an 8x8 workflow instance {workflowId} is {status}`. */
  readonly name: string;
  /** The collection the record lives in. */
  readonly collection: string;
  /**
   * The collection of the seeded record copied, when not `collection` itself: a LongJump session is made from the
   * seed's login of that user (a seed holds no sessions).
   */
  readonly from?: string;
  /** The stored record's id, as a template over the params (`{workflowId}`, `purchase_orders/{id}`). */
  readonly id: string;
  /** Fields (JSON pointers into the record's data) a seeded record must hold to be copied, as templates. */
  readonly match: Readonly<Record<string, string>>;
  /** Fields the copy gets (pointer -> template); a field the seeded record holds as a number gets a number. */
  readonly set: Readonly<Record<string, string>>;
  /** Values for params the name does not carry (a v2 pact has no params), e.g. the documented parent ids. */
  readonly defaults?: Readonly<Record<string, string>>;
  /** Params that must be one of these values; the known values are listed when a consumer asks for another. */
  readonly allowed?: Readonly<Record<string, readonly string[]>>;
}

export interface ResolvedState {
  readonly declaration: ProviderStateDeclaration;
  readonly params: Readonly<Record<string, string>>;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The params a concrete state name carries for a declaration, or undefined when the name is not this state's. */
export function namedParams(template: string, name: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = template
    .split(PLACEHOLDER)
    .map((part, index) => {
      if (index % 2 === 0) return escapeRegex(part);
      names.push(part);
      return `(?<p${names.length - 1}>.+?)`;
    })
    .join('');
  const exact = new RegExp(`^${pattern}$`).exec(name);
  // The template itself (a v3/v4 pact names the state with its placeholders and passes the params apart).
  if (name === template) return {};
  if (!exact) return undefined;
  return Object.fromEntries(names.map((param, index) => [param, exact.groups?.[`p${index}`] ?? '']));
}

export function fill(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => params[name] ?? whole);
}

/** Finds the declared state a consumer asked for; unknown states fail with the known ones listed. */
export function resolveState(
  declarations: readonly ProviderStateDeclaration[],
  name: string,
  given: Readonly<Record<string, Json>> = {},
): Result<ResolvedState, string> {
  for (const declaration of declarations) {
    const fromName = namedParams(declaration.name, name);
    if (!fromName) continue;
    const params: Record<string, string> = { ...declaration.defaults, ...fromName };
    for (const [key, value] of Object.entries(given)) if (value !== null && typeof value !== 'object') params[key] = String(value);
    const missing = [...declaration.name.matchAll(PLACEHOLDER)]
      .map((m) => m[1] ?? '')
      .filter((param) => params[param] === undefined || params[param] === `{${param}}`);
    if (missing.length > 0) return fail(`The provider state "${declaration.name}" needs the params ${missing.join(', ')}.`);
    for (const [param, values] of Object.entries(declaration.allowed ?? {})) {
      const value = params[param];
      if (value !== undefined && !values.includes(value))
        return fail(`The provider state "${declaration.name}" cannot have ${param} "${value}"; known values: ${values.join(', ')}.`);
    }
    return ok({ declaration, params });
  }
  return fail(`Unknown provider state "${name}". Known states: ${declarations.map((d) => `"${d.name}"`).join('; ') || '(none)'}.`);
}

function pointerParts(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Keys a pointer from a caller (a pact's `fields`) may not write: they would reach an object's prototype. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a seeded record's data holds the state's `match` fields. */
export function matchesState(data: JsonObject, resolved: ResolvedState): boolean {
  return Object.entries(resolved.declaration.match).every(([pointer, template]) => {
    const value = valueAtPointer(data, pointer);
    return value !== undefined && value !== null && String(value) === fill(template, resolved.params);
  });
}

/**
 * The copy of a seeded record the state loads: the consumer's ids (and state fields) written into its data, then
 * `fields` (pointer -> value, a state's optional `fields` param): what the consumer itself gave the record when it
 * created it, which no seeded record has (an exported pact carries them, `export.ts`).
 */
export function stateRecord(seeded: JsonObject, resolved: ResolvedState, fields: Readonly<Record<string, Json>> = {}): { id: string; data: JsonObject } {
  const data = structuredClone(seeded);
  for (const [pointer, template] of Object.entries(resolved.declaration.set)) {
    const value = fill(template, resolved.params);
    const current = valueAtPointer(data, pointer);
    setAt(data, pointer, typeof current === 'number' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value);
  }
  for (const [pointer, value] of Object.entries(fields)) setAt(data, pointer, structuredClone(value));
  return { id: fill(resolved.declaration.id, resolved.params), data };
}

/** Writes `value` at `pointer` when its parent object exists; anything else is left as it is. */
function setAt(data: JsonObject, pointer: string, value: Json): void {
  const parts = pointerParts(pointer);
  if (parts.some((part) => UNSAFE_KEYS.has(part))) return;
  const last = parts.pop();
  let parent: Json | undefined = data;
  for (const part of parts) parent = isJsonObject(parent) && Object.hasOwn(parent, part) ? parent[part] : undefined;
  if (last === undefined || !isJsonObject(parent)) return;
  (parent as Record<string, Json>)[last] = value;
}
