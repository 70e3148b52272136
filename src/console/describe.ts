import { isJsonObject, type Json, type JsonObject } from '../core/json.ts';
import type { ApiPack, ConsoleCall, ConsoleMachineCommands, ConsoleValue, Operation } from '../engine/pack.ts';
import type { StateMachine } from '../state/machine.ts';
import type { SeedData } from '../store/store.ts';
import type { SchemaRegistry } from '../validation/registry.ts';
import { pagingOf } from '../engine/paging.ts';
import { machineGraph } from './graph.ts';

// What the QA console is told about each API (`GET /__admin/console`): the pack's console declaration made concrete —
// operations resolved to method and path, filters with their allowed values from the list's query schema, the
// paging dialect, the state machine with each command's call, the machine's graph for the diagram, an example body
// for "create". Plain JSON; the browser code is generic.

export interface ConsoleCallDescription {
  readonly method: string;
  /** The vendor path below the mount, with `{name}` for each parameter. */
  readonly path: string;
  readonly params: Readonly<Record<string, ConsoleValue>>;
  readonly query: Readonly<Record<string, string>>;
}

export function describeConsole(packs: readonly ApiPack[], registry: SchemaRegistry, seedOf: (pack: ApiPack) => SeedData): JsonObject {
  return { apis: packs.filter((pack) => pack.console).map((pack) => describePack(pack, registry, seedOf(pack))) };
}

function describePack(pack: ApiPack, registry: SchemaRegistry, seed: SeedData): JsonObject {
  const view = pack.console;
  if (!view) throw new Error(`${pack.id} has no console view`);
  const call = (declared: ConsoleCall): Json => describeCall(pack, declared) as unknown as Json;
  const listOperation = view.list ? operationOf(pack, view.list.operation) : undefined;
  const listAction = listOperation?.action.kind === 'list' ? listOperation.action : undefined;
  const commands = view.commands;
  // The moves offered as buttons: the pack's own choice when its API allows more than a console can show.
  const machine = (commands?.kind === 'machine' ? commands.moves : undefined) ?? pack.lifecycle?.machine;
  return {
    id: pack.id,
    title: pack.title,
    noun: view.noun,
    collection: view.collection,
    storeId: view.storeId ?? `{${view.fields.id}}`,
    headers: view.headers,
    produces: [...pack.media.produces],
    formatParameter: pack.media.formatParameter ?? null,
    fields: { ...view.fields, extraStatus: [...(view.fields.extraStatus ?? [])], since: [...view.fields.since] },
    tones: (view.tones ?? []).map((rule) => ({
      when: Object.fromEntries(Object.entries(rule.when).map(([name, values]) => [name, [...values]])),
      tone: rule.tone,
    })),
    list:
      view.list && listOperation && listAction
        ? {
            ...(call(view.list) as JsonObject),
            filters: view.list.filters.map((name) => ({ name, values: allowedValues(registry, listOperation.request?.query, name) })),
            sort: view.list.sort ? { param: view.list.sort.param, options: view.list.sort.options.map((o) => ({ ...o })) } : null,
            // How to page, where the total is: the dialect's own description (with the schema's largest page).
            paging: structuredClone(pagingOf(listOperation, registry)) as unknown as Json,
          }
        : null,
    detail: call(view.detail),
    commands:
      commands === undefined
        ? null
        : commands.kind === 'machine'
          ? { kind: 'machine', ...describeMachineCommands(pack, commands, machine), machine: machine ? describeMachine(machine) : null }
          : {
              kind: 'actions',
              list: { ...(call(commands.list) as JsonObject), items: commands.list.items, fields: { ...commands.list.fields } },
              take: { ...(call(commands.take) as JsonObject), body: commands.take.body },
              login: { ...(call(commands.login) as JsonObject), users: [...commands.login.users], body: commands.login.body },
            },
    diagram: machineGraph(pack) as unknown as Json,
    create: view.create ? { ...(call(view.create) as JsonObject), example: view.create.example(seed) } : null,
    stateNames: view.stateNames ? { ...view.stateNames(seed) } : null,
  };
}

function describeMachine(machine: StateMachine): JsonObject {
  return {
    states: [...machine.states],
    terminal: [...machine.terminal],
    commands: Object.fromEntries(Object.entries(machine.commands).map(([name, rule]) => [name, { from: [...rule.from], to: rule.to }])),
  };
}

/**
 * The call each command is sent through: `call` when one operation carries them all (`{command}` in its body), and
 * `calls` for commands with their own. Every command the console offers must have one.
 */
function describeMachineCommands(pack: ApiPack, commands: ConsoleMachineCommands, machine: StateMachine | undefined): JsonObject {
  const { operation } = commands;
  const shared = operation === undefined ? null : { ...describeCall(pack, { ...commands, operation }), body: commands.body ?? null };
  const calls = Object.fromEntries(
    Object.entries(commands.calls ?? {}).map(([name, own]) => {
      if (machine && !Object.hasOwn(machine.commands, name)) throw new Error(`${pack.id} console has a call for ${name}, which is no command of its machine`);
      return [name, { ...describeCall(pack, own), body: own.body ?? null }];
    }),
  );
  const without = Object.keys(machine?.commands ?? {}).filter((name) => shared === null && !Object.hasOwn(calls, name));
  if (without.length > 0) throw new Error(`${pack.id} console offers commands with no call: ${without.join(', ')}`);
  return { call: shared as unknown as Json, calls: calls as unknown as Json };
}

function operationOf(pack: ApiPack, id: string): Operation {
  const operation = pack.operations.find((candidate) => candidate.id === id);
  if (!operation) throw new Error(`${pack.id} console names unknown operation ${id}`);
  return operation;
}

export function describeCall(pack: ApiPack, declared: ConsoleCall): ConsoleCallDescription {
  const operation = operationOf(pack, declared.operation);
  const params = declared.params ?? {};
  const missing = [...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').filter((name) => !(name in params));
  if (missing.length > 0) throw new Error(`${pack.id} console call ${declared.operation} lacks path parameters ${missing.join(', ')}`);
  return { method: operation.method, path: operation.path, params, query: declared.query ?? {} };
}

/** The values a query parameter allows, when its schema lists them (directly, through `$ref`, or for array items). */
function allowedValues(registry: SchemaRegistry, querySchemaId: string | undefined, name: string): Json[] | null {
  if (!querySchemaId) return null;
  const query = registry.schema(querySchemaId);
  const property = isJsonObject(query?.['properties']) ? query['properties'][name] : undefined;
  const resolve = (schema: Json | undefined, base: string): JsonObject | undefined => {
    if (!isJsonObject(schema)) return undefined;
    if (typeof schema['$ref'] !== 'string') return schema;
    const target = new URL(schema['$ref'], base).toString();
    return resolve(registry.schema(target), target);
  };
  const schema = resolve(property, querySchemaId);
  // A free-text parameter that lists typical values in `examples` (Amperity's state) is offered those.
  const values = schema?.['enum'] ?? schema?.['examples'] ?? resolve(schema?.['items'], querySchemaId)?.['enum'];
  return Array.isArray(values) ? values : null;
}
