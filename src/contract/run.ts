import { isJsonObject } from '../core/json.ts';
import type { ApiPack, Operation } from '../engine/pack.ts';
import { checkerRules } from '../lifecycle/progress.ts';
import { checkLifecycle } from '../state/lifecycle-check.ts';
import type { SchemaIssue, SchemaRegistry } from '../validation/registry.ts';
import { curlLine, prepareCall, send, type PreparedCall } from './http-call.ts';
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
}

/** Elements that repeat in XML responses, read as arrays (the LongJump tree convention). */
const XML_ARRAYS = new Set(['workflowAction', 'owners', 'additionalUserToNotify']);

export async function runContracts(options: RunOptions): Promise<ContractReport> {
  const results: CheckResult[] = [];
  for (const suite of options.suites) {
    const pack = options.packs.find((p) => p.id === suite.api);
    if (!pack) throw new Error(`No pack ${suite.api} for suite ${suite.name}`);
    if (suite.writes && options.target.external && !options.allowWrites) {
      results.push({
        api: suite.api,
        suite: suite.name,
        kind: 'skipped',
        description: 'changes data on the target: run with --allow-writes',
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
  return {
    api: pack.id,
    param: (name, fallback) => options.params[name] ?? fallback,
    async call(operationId, request: CallRequest = {}, expectation: CallExpectation = {}) {
      const operation = pack.operations.find((op) => op.id === operationId);
      if (!operation) throw new Error(`${pack.id} has no operation ${operationId}`);
      const wait = lastCall + minInterval - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      lastCall = Date.now();
      const prepared = prepareCall(pack, operation, baseUrl, request, cookie);
      const observed = await send(prepared, XML_ARRAYS);
      // A session cookie the target sets is sent back on later calls, as a browser would.
      const session = /(?:^|,\s*)(JSESSIONID=[^;,]+)/.exec(observed.headers['set-cookie'] ?? '')?.[1];
      if (session) cookie = session;
      results.push(checkResponse(options, pack, suite, operation, prepared, observed, expectation));
      return observed;
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

function checkResponse(
  options: RunOptions,
  pack: ApiPack,
  suite: ContractSuite,
  operation: Operation,
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
  const schemaId = observed.status >= 400 ? pack.errors.schema : operation.responses[observed.status];
  const undocumented: string[] = [];
  if (schemaId === undefined) {
    problems.push({
      pointer: '',
      message: `status ${observed.status} is not documented for ${operation.id}`,
      expected: Object.keys(operation.responses).map(Number),
      actual: observed.status,
    });
  } else if (schemaId === null) {
    if (observed.text.trim() !== '')
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
    operation: operation.id,
    status: observed.status,
    description: `${operation.method} ${operation.path} -> ${observed.status}`,
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
