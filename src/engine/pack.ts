import type { ErrorKind, MockError } from '../core/errors.ts';
import type { ResponseHeaderName } from '../core/header-catalogue.ts';
import type { Json, JsonObject } from '../core/json.ts';
import type { BodyKind, MediaKind, RawBody } from '../core/request.ts';
import type { Result } from '../core/result.ts';
import type { TimePrecision } from '../core/time.ts';
import type { IdSource } from '../generation/ids.ts';
import type { SeededFaker } from '../generation/seeded-faker.ts';
import type { PaginationDialect } from '../pagination/dialects.ts';
import type { Progress } from '../lifecycle/progress.ts';
import type { LifecycleRules } from '../state/lifecycle-check.ts';
import type { StateMachine, TransitionRefusal } from '../state/machine.ts';
import type { Condition, SortKey } from '../store/query.ts';
import type { NewRecord, SeedData, StoredRecord } from '../store/store.ts';
import type { ProviderStateDeclaration } from '../pact/states.ts';
import type { JsonInput, RequestInput } from './typed-input.ts';

// What an API pack declares. A pack is data plus small pure functions over plain values: it never sees an
// HTTP request, a store or a clock; the engine hands it validated input and applies what it returns.

export type Outcome<T> = Result<T, MockError>;
export type { MediaKind };
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiPack {
  /** Mount segment and short name: `/8x8/...`, `--api 8x8`. */
  readonly id: string;
  readonly title: string;
  /** The real service this pack imitates, for start-up output and docs. */
  readonly vendorBaseUrl: string;
  readonly media: {
    readonly accepts: readonly MediaKind[];
    readonly produces: readonly MediaKind[];
    /** Exact request Content-Types accepted, when the vendor is stricter than "any JSON or XML type". */
    readonly contentTypes?: readonly string[];
    /** Content-Types whose bodies are read as the first accepted format all the same (curl's `--data` default, which
     *  a vendor's own examples send with a JSON body). */
    readonly readAnyway?: readonly string[];
    /** A query parameter that picks the response format over Accept (`?alt=json`). */
    readonly formatParameter?: string;
    /**
     * XML elements that may repeat, so a client reading an XML reply (the contract runner) makes each an array even
     * when it came once.
     */
    readonly xmlArrays?: readonly string[];
  };
  /**
   * How the vendor writes times; every time the engine writes for this pack follows it (ActionContext.now, state-entry
   * stamps, lifecycle moves, history, error timestamps, date-times generated from its schemas), and SeedContext.iso
   * gives seeds the same. Milliseconds by default.
   */
  readonly timePrecision?: TimePrecision;
  readonly errors: ErrorEnvelope;
  readonly auth: AuthRule;
  /** Alternative spellings of query parameters (`query[limit]` -> `limit`); the canonical name wins if both come. */
  readonly queryAliases?: Readonly<Record<string, string>>;
  readonly seed: (ctx: SeedContext) => SeedData;
  readonly operations: readonly Operation[];
  /** A request budget per caller key (e.g. 10 per second per tenant); over it, `rateLimited` with Retry-After. */
  readonly rateLimit?: RateLimitRule;
  /** Checks every authenticated operation's validated input for rules no single schema can say (one of two headers). */
  readonly guard?: (input: OperationInput) => MockError | undefined;
  /** How runs move by themselves, and what their successive representations may show (for the lifecycle checker). */
  readonly lifecycle?: PackLifecycle;
  /** The schema each stored collection's records follow, so extra fixtures loaded at runtime are checked. */
  readonly collections?: Readonly<Record<string, { readonly schema: string }>>;
  /** How the QA console (`/__admin/ui`) lists, shows and drives this API's runs. */
  readonly console?: ConsoleView;
  /** The Pact provider states a consumer can ask for (`POST /__admin/provider-states`), as data (`src/pact/states.ts`). */
  readonly providerStates?: readonly ProviderStateDeclaration[];
}

/** A path or query value the console sends: fixed, or read from the run it is about (a dotted field path). */
export type ConsoleValue = { readonly value: string } | { readonly field: string };

/** One call the console makes: an operation of the pack, with its path parameters and fixed query values. */
export interface ConsoleCall {
  readonly operation: string;
  readonly params?: Readonly<Record<string, ConsoleValue>>;
  readonly query?: Readonly<Record<string, string>>;
}

/**
 * What the console needs to know about an API beyond its operations and schemas: which calls list, show, move and
 * create runs, which fields of a run hold its id, state and times, and the headers every call carries. Data only;
 * the console itself is generic.
 */
export interface ConsoleView {
  /** What the vendor calls a run ("workflow instance", "workflow session"). */
  readonly noun: string;
  /** The collection the runs are stored in, for their history. */
  readonly collection: string;
  /** The id the store keys a run by, when it differs from the id field (LongJump's `object/record`). */
  readonly storeId?: string;
  /** Headers every console call sends: credentials, tenant, version. */
  readonly headers: Readonly<Record<string, string>>;
  /** The vendor's list, with the query parameters offered as filters and the sort choices (first is the default). */
  readonly list?: ConsoleCall & {
    readonly filters: readonly string[];
    readonly sort?: { readonly param: string; readonly options: readonly { readonly label: string; readonly value: string }[] };
  };
  readonly fields: {
    readonly id: string;
    /** The state that moves: the lifecycle machine's field, which decides the commands offered. */
    readonly status: string;
    /** Further status fields shown beside it in the list and the detail, in order (a run's conclusion). */
    readonly extraStatus?: readonly string[];
    readonly title: string;
    /** Fields that tell when the run entered its state when it has no history yet; the first one set wins. */
    readonly since: readonly string[];
  };
  /**
   * How a run is coloured: the first rule whose fields all hold one of their listed values wins (a completed run whose
   * conclusion is `failure` is failed). Without a matching rule the status's own name decides.
   */
  readonly tones?: readonly ConsoleToneRule[];
  /** The state a new run starts in, where the state diagram begins (by default the machine's first state). */
  readonly initial?: string;
  readonly detail: ConsoleCall;
  /** Moves: the state machine's commands (through one operation, or each through its own), or the vendor's actions. */
  readonly commands?: ConsoleMachineCommands | ConsoleActions;
  readonly create?: ConsoleCall & { readonly example: (seed: SeedData) => Json };
  /** Display names of states whose stored value is an id (LongJump). */
  readonly stateNames?: (seed: SeedData) => Readonly<Record<string, string>>;
}

export type ConsoleTone = 'done' | 'failed' | 'waiting' | 'active';

export interface ConsoleToneRule {
  /** Field (dotted path) -> the values it may hold for the rule to apply; '' stands for an absent field. */
  readonly when: Readonly<Record<string, readonly string[]>>;
  readonly tone: ConsoleTone;
}

/** A command's call: an operation with its path and query values, and the body sent (`{command}` and `{field}` filled). */
export interface ConsoleCommandCall extends ConsoleCall {
  readonly body?: Json | null;
}

/**
 * The state machine's commands as buttons. Either one operation carries every command (`operation`, `params`, `query`
 * and a `body` naming `{command}`), or each command has its own call (`calls`: one endpoint per command, such as
 * `POST .../runs/{id}/cancel`); a command named in `calls` uses its own call even when a shared one is declared.
 */
export interface ConsoleMachineCommands extends Partial<ConsoleCall> {
  readonly kind: 'machine';
  /** The shared operation's body, with `{command}` in it; null or absent sends none. */
  readonly body?: Json | null;
  readonly calls?: Readonly<Record<string, ConsoleCommandCall>>;
  /** The moves offered as buttons, when the API allows more than a console can show (by default the lifecycle's machine). */
  readonly moves?: StateMachine;
}

/** Moves as the vendor's own actions: listed per run for a signed-in user, each taken through one operation. */
export interface ConsoleActions {
  readonly kind: 'actions';
  readonly list: ConsoleCall & {
    /** Where the actions are in the list's JSON response, a dotted path (a single object is a list of one). */
    readonly items: string;
    /** The fields of an action: its name (sent as `{command}`), title, availability flag (`true` or `1`) and next state. */
    readonly fields: { readonly name: string; readonly title?: string; readonly available?: string; readonly to?: string };
  };
  readonly take: ConsoleCall & { readonly body: Json };
  readonly login: ConsoleCall & { readonly users: readonly string[]; readonly body: Json };
}

export interface PackLifecycle extends LifecycleRules {
  readonly progress?: Progress;
}

export interface RateLimitRule {
  readonly perSecond: number;
  readonly capacity: number;
  /** Which bucket a request draws from, from its lower-case headers. */
  readonly key: (headers: Readonly<Record<string, string>>) => string;
  readonly message: string;
}

export interface SeedContext {
  readonly faker: SeededFaker;
  /**
   * Milliseconds since the epoch where seeded timelines end: the clock's start (to the minute). Generated runs are
   * placed before it (active ones minutes to hours before, finished ones over the weeks before); the documents' own
   * examples keep their own dates. faker's reference date is set to it too.
   */
  readonly anchor: number;
  /** An instant (ms) as ISO 8601 in the pack's `timePrecision`. */
  readonly iso: (ms: number) => string;
  /** Builds a value from a schema by `$id` (with `x-faker` hints); packs then set the correlated fields. */
  readonly fromSchema: (schemaId: string) => Json;
  /** Number of generated records the user asked for (`--records`), when set. */
  readonly records?: number;
  /**
   * Runs `build` with a faker of its own seeded for record `index` of `collection` alone (and `fromSchema` on that
   * faker), so a `GeneratedCollection`'s `record(i)` can make record `i` again at any time, in any order, with the same
   * bytes. Never the shared `faker` above: that one is a stream for the seed's small collections.
   */
  readonly forRecord: <T>(collection: string, index: number, build: (record: RecordContext) => T) => T;
  /**
   * A cheap seeded random stream (floats in [0, 1)) for record `index` of `collection`: for `keys(i)`, which runs for
   * every record when a space is seeded and must be fast. `forRecord` can draw the same stream again
   * (`RecordContext.keyRandom`) so a record agrees with its keys.
   */
  readonly keyRandom: (collection: string, index: number) => () => number;
}

/** What building one generated record may use: its own faker, generation from schemas on it, the pack's clock form. */
export interface RecordContext {
  readonly faker: SeededFaker;
  readonly fromSchema: (schemaId: string) => Json;
  readonly iso: (ms: number) => string;
  readonly anchor: number;
  /** The same stream `SeedContext.keyRandom(collection, index)` gives. */
  readonly keyRandom: () => number;
}

/** How a vendor shapes its errors: the status and code for each kind, and the body built from them. */
export interface ErrorEnvelope {
  /** `$id` of the error body schema; every error response is validated against it. */
  readonly schema: string;
  readonly status?: Partial<Record<ErrorKind, number>>;
  readonly codes?: Partial<Record<ErrorKind, number | string>>;
  /** Default message per kind when the engine raises one itself (unknown route, oversized body...). */
  readonly messages?: Partial<Record<ErrorKind, string>>;
  /** The vendor's wording of a field's validation failure by JSON Schema keyword, with `default` for the rest. */
  readonly fieldMessages?: Readonly<Record<string, string>>;
  /** How fields are named in `fields`: the dotted path (default) or only its last segment, as Rails does. */
  readonly fieldKey?: 'path' | 'leaf';
  readonly render: (error: RenderedError) => Json;
}

export interface RenderedError {
  readonly status: number;
  readonly code: number | string | undefined;
  readonly message: string;
  readonly fields: Readonly<Record<string, readonly string[]>> | undefined;
  readonly errorId: string;
  readonly timestamp: string;
}

export type AuthRule =
  | { readonly kind: 'none' }
  /** `Authorization` must match one of the schemes (e.g. `Bearer <token>`); the credential is the rest. */
  | { readonly kind: 'authorization'; readonly schemes: readonly RegExp[]; readonly message: string }
  /**
   * A session cookie naming a record of `collection` whose `userId` is the caller (LongJump's login), under any of
   * the `cookies` names; a client (the contract runner) sends back whichever of them a response sets.
   */
  | { readonly kind: 'session'; readonly cookies: readonly string[]; readonly collection: string; readonly message: string };

export interface Caller {
  /** The credential the caller presented (token or session id), or '' for public operations. */
  readonly credential: string;
  /** Who the credential stands for, when the vendor knows (a session's user id). */
  readonly principal?: string;
}

/**
 * An operation's validated input. `R` says the parts' shapes (src/engine/typed-input.ts): generated from the request
 * schemas for a pack's own operations, plain JSON (the default) for the engine and pack-wide rules.
 */
export interface OperationInput<R extends RequestInput = JsonInput> {
  readonly params: R['params'];
  readonly query: R['query'];
  readonly headers: R['headers'];
  readonly body: R['body'];
  readonly parents: Readonly<Record<string, StoredRecord>>;
  readonly caller: Caller;
  /** Where the API is mounted on this server (`/8x8` or ``), for Location headers and links. */
  readonly base: string;
  /** `http://host:port` as the caller reached this server (its Host header), for absolute links such as a download URL. */
  readonly origin: string;
  /** The X-Mock-Session the request is served in (`default` without one), for links that must carry it. */
  readonly session: string;
}

export interface ActionContext {
  /** The mock clock's time, ISO 8601 in the pack's `timePrecision`. */
  readonly now: string;
  readonly ids: IdSource;
}

export interface RequestSchemas {
  readonly params?: string;
  readonly query?: string;
  readonly headers?: string;
  readonly body?: string;
}

export interface Operation<R extends RequestInput = JsonInput> {
  readonly id: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  /** Public operations (login) skip the pack's auth rule. */
  readonly public?: boolean;
  /**
   * Served by the mock for its own purposes, not an operation of the vendor's API (the download behind an attachment
   * URL): the conformance check does not count it as missing from the vendor's document.
   */
  readonly mockOnly?: boolean;
  /** A path parameter naming the X-Mock-Session to serve the request in, over the header (a link that works without headers). */
  readonly sessionParam?: string;
  /** Request body kinds the operation reads when they differ from the pack's `media.accepts` (an upload's multipart form). */
  readonly accepts?: readonly BodyKind[];
  readonly request?: RequestSchemas;
  /** Status -> response body schema `$id`; null for a response with no body. */
  readonly responses: Readonly<Record<number, string | null>>;
  /**
   * Status -> the catalogued headers (`src/core/header-catalogue.ts`) that reply always carries, beyond those the engine
   * declares itself (a list's paging headers, `Retry-After` on a rate limit's 429, `Allow` on 405): `{201: ['location']}`.
   */
  readonly responseHeaders?: Readonly<Record<number, readonly ResponseHeaderName[]>>;
  /** The vendor's summary message when the body fails validation; the per-field messages go in `fields`. */
  readonly invalidBodyMessage?: string;
  /** Records that must exist before the action runs (e.g. the definition a workflow list belongs to). */
  readonly requires?: readonly ParentLookup<R>[];
  readonly action: Action<R>;
}

export interface ParentLookup<R extends RequestInput = JsonInput> {
  readonly name: string;
  readonly collection: string;
  readonly id: (input: OperationInput<R>) => string;
  readonly scope?: (input: OperationInput<R>) => readonly Condition[];
  readonly notFound: (input: OperationInput<R>) => MockError;
}

export interface Reply {
  readonly status: number;
  readonly body?: Json;
  /** Raw bytes with their content type instead of a JSON body (a file download); declare the status with `null`. */
  readonly raw?: RawBody;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Locating one record: its id, the conditions it must also meet to be visible here, and the error if not. */
export interface RecordTarget<R extends RequestInput = JsonInput> {
  readonly collection: string;
  readonly id: (input: OperationInput<R>) => string;
  readonly scope?: (input: OperationInput<R>) => readonly Condition[];
  readonly notFound: (input: OperationInput<R>) => MockError;
}

export type Action<R extends RequestInput = JsonInput> =
  | ListAction<R>
  | GetAction<R>
  | CreateAction<R>
  | CreateEachAction<R>
  | UpdateAction<R>
  | TransitionAction<R>;

/**
 * A paged list: the records of a stored collection (`collection`), or the items one record holds (`heldBy`: a run's
 * jobs kept in its meta). Either way `where`, `orderBy`, the view and the dialect apply the same.
 */
export type ListAction<R extends RequestInput = JsonInput> = ListRules<R> &
  ({ readonly collection: string; readonly heldBy?: undefined } | { readonly heldBy: HeldItems; readonly collection?: undefined });

interface ListRules<R extends RequestInput> {
  readonly kind: 'list';
  readonly where: (input: OperationInput<R>) => Outcome<readonly Condition[]>;
  readonly orderBy: (input: OperationInput<R>) => Outcome<readonly SortKey[]>;
  readonly pagination: PaginationDialect;
  readonly view?: (record: StoredRecord, input: OperationInput<R>) => Json;
}

/**
 * Items a record holds, listed as if each were a stored record's data (in the order held, which sorting keeps for
 * ties): `parent` names one of the operation's `requires` lookups (so a missing holder is its not-found error), and
 * `items` reads them from the record found. The record's own commands and lifecycle keep them in step with it.
 */
export interface HeldItems {
  readonly parent: string;
  readonly items: (record: StoredRecord) => readonly JsonObject[];
}

export interface GetAction<R extends RequestInput = JsonInput> extends RecordTarget<R> {
  readonly kind: 'get';
  readonly view?: (record: StoredRecord, input: OperationInput<R>) => Json;
  /** The whole reply instead of a view, when it depends on the clock or may refuse (a signed, expiring link). */
  readonly reply?: (record: StoredRecord, input: OperationInput<R>, ctx: ActionContext) => Outcome<Reply>;
  /** The 200 body when the record is not there, for vendors that answer a missing record with an empty result. */
  readonly absent?: (input: OperationInput<R>) => Json;
}

export interface CreateAction<R extends RequestInput = JsonInput> {
  readonly kind: 'create';
  readonly collection: string;
  /** A record that already has the built id is replaced (its meta kept) instead of refused: an upload over an earlier one. */
  readonly replace?: boolean;
  readonly build: (input: OperationInput<R>, ctx: ActionContext) => Outcome<NewRecord>;
  readonly reply: (record: StoredRecord, input: OperationInput<R>) => Reply;
}

/**
 * One new record for each record of another collection that matches: an event that starts a run of every definition
 * listening for it. A source record `build` leaves out (undefined) starts nothing.
 */
export interface CreateEachAction<R extends RequestInput = JsonInput> {
  readonly kind: 'createEach';
  readonly from: { readonly collection: string; readonly where: (input: OperationInput<R>) => Outcome<readonly Condition[]> };
  readonly collection: string;
  readonly build: (source: StoredRecord, input: OperationInput<R>, ctx: ActionContext) => NewRecord | undefined;
  readonly reply: (created: readonly StoredRecord[], input: OperationInput<R>) => Reply;
}

export interface UpdateAction<R extends RequestInput = JsonInput> extends RecordTarget<R> {
  readonly kind: 'update';
  /** The record's next value, or `remove` to delete it. */
  readonly apply: (record: StoredRecord, input: OperationInput<R>, ctx: ActionContext) => Outcome<Replacement | 'remove'>;
  readonly reply: (record: StoredRecord, input: OperationInput<R>) => Reply;
  readonly cascade?: Cascade<R>;
}

export interface TransitionAction<R extends RequestInput = JsonInput> extends RecordTarget<R> {
  readonly kind: 'transition';
  readonly machine: StateMachine;
  /** The command to apply; undefined when the request names none, which leaves the record as it is. */
  readonly command: (input: OperationInput<R>) => string | undefined;
  /** Fields the move also sets from the request (e.g. who made it: `_updatedBy`). */
  readonly patch?: (input: OperationInput<R>, ctx: ActionContext) => JsonObject;
  readonly refuse: (refusal: TransitionRefusal, record: StoredRecord, input: OperationInput<R>) => MockError;
  /**
   * What else the move changes, in data and meta, after the machine's entry effects and `patch` (records the record
   * holds following it, such as a run's jobs), as `Progress.onMove` does for the lifecycle's moves.
   */
  readonly onMove?: (record: Replacement, move: CommandMove) => Replacement;
  readonly reply: (record: StoredRecord, input: OperationInput<R>) => Reply;
}

/** A move a command made, for a transition's `onMove`. */
export interface CommandMove {
  readonly from: string;
  readonly to: string;
  readonly command: string;
  /** When it happened, as the pack writes its times. */
  readonly at: string;
}

export interface Replacement {
  readonly data: JsonObject;
  readonly meta: JsonObject;
}

/** A command applied to related records after a write (deleting a definition terminates its active workflows). */
export interface Cascade<R extends RequestInput = JsonInput> {
  readonly collection: string;
  readonly where: (record: StoredRecord, input: OperationInput<R>) => readonly Condition[];
  readonly machine: StateMachine;
  readonly command: string;
}
