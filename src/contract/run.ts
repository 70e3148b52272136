import { HEADER_CATALOGUE } from '../core/header-catalogue.ts';
import { isJsonObject } from '../core/json.ts';
import { declaredHeaders } from '../engine/declared-headers.ts';
import type { ApiPack, Operation } from '../engine/pack.ts';
import { checkerRules } from '../lifecycle/progress.ts';
import { checkLifecycle } from '../state/lifecycle-check.ts';
import type { SchemaIssue, SchemaRegistry } from '../validation/registry.ts';
import { curlLine, operationAt, prepareCall, preparePathCall, send, type PreparedCall } from './http-call.ts';
import type { CallExpectation, CallRequest, CheckResult, ContractContext, ContractReport, ContractSuite, ContractTarget, Observed, Problem } from './types.ts';

export interface RunOptions {
  readonly suites: readonly ContractSuite[];
  readonly packs: readonly ApiPack[];
  /** A registry reporting every issue (allErrors). */
  readonly registry: SchemaRegistry;
  readonly target: ContractTarget;
  /** Run suites that write against an external target. */
  readonly allowWrites: boolean;
  /** `report` lists properties a response has beyond its schema instead of failing on them. */
  readonly undocumented: 'fail' | 'report';
  readonly params: Readonly<Record<string, string>>;
  /** Keep below the vendors' rate limits when the target is real. */
  readonly pace: boolean;
  /** An external target serves the mock's own seed (`npm start` with the same --seed): run the suites that rely on it. */
  readonly seeded?: boolean;
}

/** Why a suite does not run against this target, or undefined when it does. */
function skipped(suite: ContractSuite, options: RunOptions): string | undefined {
  if (!options.target.external) return undefined;
  if (suite.writes && !options.allowWrites) return 'changes data on the target: run with --allow-writes';
  if (suite.seeded && !options.seeded) return "relies on the mock's seeded data: run with --seeded against a mock started with the same seed";
  return undefined;
}

export async function runContracts(options: RunOptions): Promise<ContractReport> {
  const results: CheckResult[] = [];
  for (const suite of options.suites) {
    const pack = options.packs.find((p) => p.id === suite.api);
    if (!pack) throw new Error(`No pack ${suite.api} for suite ${suite.name}`);
    const why = skipped(suite, options);
    if (why) {
      results.push({
        api: suite.api,
        suite: suite.name,
        kind: 'skipped',
        description: why,
        ok: true,
        problems: [],
        undocumented: [],
      });
      continue;
    }
    const ctx = contextFor(options, pack, suite, results);
    try {
      await suite.run(ctx);
    } catch (error) {
      results.push({
        api: suite.api,
        suite: suite.name,
        kind: 'behaviour',
        description: `suite stopped: ${error instanceof Error ? error.message : String(error)}`,
        ok: false,
        problems: [],
        undocumented: [],
      });
    }
  }
  return { results };
}

function contextFor(options: RunOptions, pack: ApiPack, suite: ContractSuite, results: CheckResult[]): ContractContext {
  const baseUrl = options.target.baseUrl(pack.id);
  const minInterval = options.pace && pack.rateLimit ? Math.ceil(1000 / pack.rateLimit.perSecond) + 5 : 0;
  let lastCall = 0;
  let cookie: string | undefined;
  // What the pack declares about its replies and its session: which XML elements repeat, which cookies hold a session.
  const xmlArrays = new Set(pack.media.xmlArrays ?? []);
  const sessionCookies = pack.auth.kind === 'session' ? pack.auth.cookies : [];
  const exchange = async (prepared: PreparedCall, operation: Operation | undefined, expectation: CallExpectation): Promise<Observed> => {
    const wait = lastCall + minInterval - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastCall = Date.now();
    const observed = await send(prepared, xmlArrays);
    // A session cookie the target sets is sent back on later calls, as a browser would.
    const session = sessionCookie(observed.headers['set-cookie'], sessionCookies);
    if (session) cookie = session;
    results.push(checkResponse(options, pack, suite, operation, prepared, observed, expectation));
    return observed;
  };
  return {
    api: pack.id,
    param: (name, fallback) => options.params[name] ?? fallback,
    async call(operationId, request: CallRequest = {}, expectation: CallExpectation = {}) {
      const operation = pack.operations.find((op) => op.id === operationId);
      if (!operation) throw new Error(`${pack.id} has no operation ${operationId}`);
      return exchange(prepareCall(pack, operation, baseUrl, request, cookie), operation, expectation);
    },
    callPath(method, path, request: CallRequest = {}, expectation: CallExpectation = {}) {
      return exchange(preparePathCall(pack, method.toUpperCase(), baseUrl, path, request, cookie), operationAt(pack, method, path), expectation);
    },
    check(condition, description, detail) {
      results.push({
        api: pack.id,
        suite: suite.name,
        kind: 'behaviour',
        description,
        ok: condition,
        problems: condition ? [] : [{ pointer: '', message: description, ...(detail === undefined ? {} : { actual: detail }) }],
        undocumented: [],
      });
      return condition;
    },
    checkRun(observations, description) {
      const findings = pack.lifecycle ? checkLifecycle(checkerRules(pack.lifecycle), observations.filter(isJsonObject)) : [];
      results.push({
        api: pack.id,
        suite: suite.name,
        kind: 'behaviour',
        description,
        ok: findings.length === 0,
        problems: findings.map((finding) => ({ pointer: `/${finding.index}`, message: `${finding.kind}: ${finding.message}` })),
        undocumented: [],
      });
      return findings.length === 0;
    },
  };
}

/**
 * The first `name=value` a Set-Cookie header sets for one of the session cookies. Several headers arrive joined by
 * `, `, which an `Expires` date also contains; a piece that starts with no cookie name is such a date's tail.
 */
export function sessionCookie(setCookie: string | undefined, names: readonly string[]): string | undefined {
  for (const piece of (setCookie ?? '').split(/,\s*/)) {
    const pair = (piece.split(';')[0] ?? '').trim();
    const equals = pair.indexOf('=');
    if (equals > 0 && equals < pair.length - 1 && names.includes(pair.slice(0, equals))) return pair;
  }
  return undefined;
}

function checkResponse(
  options: RunOptions,
  pack: ApiPack,
  suite: ContractSuite,
  /** Undefined for a path that reaches no operation: then only an error is checked, against the envelope. */
  operation: Operation | undefined,
  prepared: PreparedCall,
  observed: Observed,
  expectation: CallExpectation,
): CheckResult {
  const problems: Problem[] = [];
  const expected = expectation.status === undefined ? undefined : ([] as number[]).concat(expectation.status);
  if (expected && !expected.includes(observed.status)) {
    problems.push({
      pointer: '',
      message: `expected status ${expected.join(' or ')}, got ${observed.status}`,
      expected,
      actual: trim(observed.body ?? observed.text),
    });
  }
  const schemaId = observed.status >= 400 ? pack.errors.schema : operation ? operation.responses[observed.status] : null;
  const undocumented: string[] = [];
  // The headers the reply is declared to carry always (a create's Location, a rate limit's Retry-After) are there.
  for (const use of operation ? declaredHeaders(pack, operation, observed.status) : []) {
    if (use.required && observed.headers[use.name] === undefined) {
      problems.push({ pointer: '', message: `header ${HEADER_CATALOGUE[use.name].name} is declared for status ${observed.status} but missing` });
    }
  }
  if (schemaId === undefined) {
    problems.push({
      pointer: '',
      message: `status ${observed.status} is not documented for ${operation?.id}`,
      expected: Object.keys(operation?.responses ?? {}).map(Number),
      actual: observed.status,
    });
  } else if (schemaId === null) {
    if (operation && !expectation.file && observed.text.trim() !== '')
      problems.push({ pointer: '', message: `status ${observed.status} is documented without a body`, actual: trim(observed.text) });
  } else {
    for (const issue of options.registry.check(schemaId, observed.body ?? null)) {
      if (options.undocumented === 'report' && issue.keyword === 'additionalProperties') undocumented.push(issue.pointer);
      else problems.push(problemOf(issue));
    }
  }
  return {
    api: pack.id,
    suite: suite.name,
    kind: 'response',
    ...(operation ? { operation: operation.id } : {}),
    status: observed.status,
    description: `${operation?.method ?? prepared.method} ${operation?.path ?? new URL(prepared.url).pathname} -> ${observed.status}`,
    ok: problems.length === 0,
    problems,
    undocumented,
    curl: curlLine(prepared),
  };
}

function problemOf(issue: SchemaIssue): Problem {
  return { pointer: issue.pointer, message: issue.message, expected: trim(rulesOnly(issue.fragment), 800), actual: trim(issue.actual) };
}

const ANNOTATIONS = new Set(['title', 'description', '$comment', '$schema', '$id', 'examples', 'default']);

/** A schema fragment without its annotations, so a report shows the rules that failed, not the prose around them. */
export function rulesOnly(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rulesOnly);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !ANNOTATIONS.has(key) && !key.startsWith('x-'))
      .map(([key, value]) => [key, rulesOnly(value)]),
  );
}

/** Keeps reports readable: long strings and big structures are cut. */
export function trim(value: unknown, max = 300): unknown {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return undefined;
  if (text.length <= max) return value;
  return `${text.slice(0, max)}... (${text.length} characters)`;
}
