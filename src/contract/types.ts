import type { Json } from '../core/json.ts';

// Contracts are written once per API as suites of calls and expectations, and run against any target: the
// in-process mock, a mock started elsewhere, or the real vendor. Every call's response is checked against the
// schema its operation declares for the status it got.

export interface ContractTarget {
  /** Where an API's vendor paths start, e.g. `http://127.0.0.1:4010/8x8` or `https://automation.8x8.com`. */
  baseUrl(api: string): string;
  /** A target the harness did not start: suites that write run only with allowWrites. */
  readonly external: boolean;
}

export interface CallRequest {
  readonly params?: Readonly<Record<string, string>>;
  /** Query parameters; pairs keep order and allow repeats and bracketed names. */
  readonly query?: Readonly<Record<string, string | number | boolean>> | readonly (readonly [string, string])[];
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON value, or a string sent as it is (XML). */
  readonly body?: Json | string;
  readonly contentType?: string;
}

export interface CallExpectation {
  /** The statuses the call should answer with; anything else is a failure of this check. */
  readonly status?: number | readonly number[];
  /** The reply is a file: raw bytes in their own content type, which a status documented without a body may carry. */
  readonly file?: boolean;
}

export interface Observed {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed body (JSON, or XML read into the tree convention), or undefined when empty. */
  readonly body: Json | undefined;
  readonly text: string;
  readonly url: string;
}

export interface ContractContext {
  readonly api: string;
  /** A value a suite needs from the target (an account id...), from `--param name=value` or the mock's default. */
  param(name: string, fallback: string): string;
  call(operationId: string, request?: CallRequest, expect?: CallExpectation): Promise<Observed>;
  /**
   * A request to a path below the base URL, whatever operation it reaches (an unknown path, a method the path does
   * not allow, HEAD): `path` may end in a query string sent as written. A response reaching an operation is checked
   * against its schema for the status, an error against the error envelope.
   */
  callPath(method: string, path: string, request?: CallRequest, expect?: CallExpectation): Promise<Observed>;
  /** A behavioural expectation; returns the condition so a suite can stop early. */
  check(condition: boolean, description: string, detail?: unknown): boolean;
  /** Checks successive representations of one run against the API's lifecycle (moves, timestamps, end fields). */
  checkRun(observations: readonly Json[], description: string): boolean;
}

export interface ContractSuite {
  readonly api: string;
  readonly name: string;
  /** Creates or changes data on the target. */
  readonly writes: boolean;
  /**
   * Relies on the mock's seeded data (the documents' own examples, the seeded records and their counts): runs against
   * the in-process mock, and against another target only when it says it serves the same seed (`--seeded`).
   */
  readonly seeded?: boolean;
  run(ctx: ContractContext): Promise<void>;
}

export interface Problem {
  /** JSON pointer into the response body, '' for the response as a whole. */
  readonly pointer: string;
  readonly message: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
}

export interface CheckResult {
  readonly api: string;
  readonly suite: string;
  readonly kind: 'response' | 'behaviour' | 'skipped';
  readonly operation?: string;
  readonly status?: number;
  readonly description: string;
  readonly ok: boolean;
  readonly problems: readonly Problem[];
  /** Properties the response carries that the schema does not list (with undocumented fields reported, not failed). */
  readonly undocumented: readonly string[];
  /** A curl command that repeats the request. */
  readonly curl?: string;
}

export interface ContractReport {
  readonly results: readonly CheckResult[];
}
