import type { PackNames } from './names.ts';
import type { SkeletonFile } from './schema-files.ts';

// The skeleton's test declarations: `mocks/<id>/testing.ts` (what the cross-pack tests, the bench and the soak need:
// contract suites, robustness context, model driver, bench scenario, seeded runs; contract-tests/support/pack-testing.ts)
// and the contract suites, written once for any target (`npm run contract`, contract-tests/contracts.test.ts).

export function testFiles(names: PackNames): SkeletonFile[] {
  return [
    { path: `mocks/${names.id}/testing.ts`, text: testingFile(names) },
    { path: `contract-tests/${names.id}/suites.ts`, text: suitesFile(names) },
    { path: `contract-tests/${names.id}/suites/runs.ts`, text: runSuitesFile(names) },
  ];
}

function testingFile({ id, pascal }: PackNames): string {
  return `import { suites${pascal} } from '../../contract-tests/${id}/suites.ts';
import type { PackTesting } from '../../contract-tests/support/pack-testing.ts';
import { idsOf, jsonBody, list, numberParam, object } from '../../contract-tests/support/payload.ts';
import examples from '../../fixtures/${id}/examples.json' with { type: 'json' };
import { ENDED } from './machine.ts';

// What the cross-pack tests, the bench and the soak need to know about this API (contract-tests/support/pack-testing.ts).
// A part left out skips that test for this API and prints why; say why in \`notApplicable\`.

const RUNS = '/api/runs';
const HEADERS = { authorization: 'Bearer testing' };

export const testing: PackTesting = {
  suites: suites${pascal},

  async context(call) {
    const runs = await call({ method: 'GET', path: RUNS, query: [['limit', '20']], headers: HEADERS });
    if (runs.status !== 200) throw new Error(\`${id}: could not list runs (\${runs.status})\`);
    return { headers: HEADERS, query: {}, pathValues: { id: idsOf(object(runs.payload)['runs'], 'id') } };
  },

  async model() {
    return {
      commands: ['cancel'],
      initial: 'queued',
      refusedStatus: 409,
      headers: HEADERS,
      create: () => ({ method: 'POST', path: RUNS, query: [], headers: { 'content-type': 'application/json' }, body: jsonBody({ name: 'Model run' }) }),
      idOfCreated: (response) => String(object(response.payload)['id']),
      transition: (runId) => ({ method: 'POST', path: \`\${RUNS}/\${runId}/cancel\`, query: [] }),
      get: (runId) => ({ method: 'GET', path: \`\${RUNS}/\${runId}\`, query: [] }),
      stateOf: (payload) => String(object(payload)['status']),
      firstPage: (limit) => ({ method: 'GET', path: RUNS, query: [['limit', String(limit)]] }),
      readPage(payload, limit, request) {
        const body = object(payload);
        const items = list(body['runs']).map((item) => ({ id: String(item['id']), state: String(item['status']) }));
        const offset = numberParam(request.query, 'offset');
        const total = Number(body['total']);
        const next = {
          ...request,
          query: [
            ['limit', String(limit)],
            ['offset', String(offset + limit)],
          ] as [string, string][],
        };
        return { items, total, ...(offset + limit < total ? { next } : {}) };
      },
    };
  },

  bench: [
    {
      name: '${id}-page',
      description: '${id}: the first page of 100 runs, newest first',
      async prepare() {
        return { method: 'GET', headers: HEADERS, kind: 'json', next: () => ({ path: \`/${id}\${RUNS}?limit=100\` }) };
      },
    },
  ],

  seededRuns: {
    collection: 'runs',
    created: (data) => String(data['created_at']),
    active: (data) => !ENDED.includes(String(data['status'])),
    example: examples.run.id,
  },

  notApplicable: {
    vendorDocument: 'no vendor OpenAPI document named yet: set vendorDocument to its path below the vendor folder',
  },
};
`;
}

function suitesFile({ id, pascal }: PackNames): string {
  return `import type { ContractSuite } from '../../src/contract/types.ts';
import { runReads, runWrites } from './suites/runs.ts';

/**
 * The ${id} contracts, written once for any target (\`npm run contract\`, and contracts.test.ts against the mock):
 * reads first, then the suites that write (they start their own runs). Pass --param token=... for a real service.
 */
export const suites${pascal}: ContractSuite[] = [...runReads, ...runWrites];
`;
}

function runSuitesFile({ id }: PackNames): string {
  return `import type { ContractContext, ContractSuite } from '../../../src/contract/types.ts';
import { like, ok, same } from '../../support/suite-kit.ts';

// Listing, reading, starting and canceling runs, for any target (skeleton from npm run new-api: the vendor's own
// behaviour, every endpoint and documented error).

type Run = { id: string; name: string; status: string; created_at: string };
type Page = { offset: number; limit: number; total: number; runs: Run[] };

const headers = (ctx: ContractContext) => ({ authorization: \`Bearer \${ctx.param('token', 'contract-tests')}\` });

async function page(ctx: ContractContext, query: Record<string, string | number> = {}): Promise<Page> {
  const res = await ctx.call('listRuns', { query, headers: headers(ctx) }, { status: 200 });
  return (res.body as unknown as Page | undefined) ?? { offset: 0, limit: 0, total: 0, runs: [] };
}

async function everyRun(ctx: ContractContext, limit: number, query: Record<string, string> = {}): Promise<Run[]> {
  const runs: Run[] = [];
  for (let offset = 0; ; offset += limit) {
    const next = await page(ctx, { ...query, limit, offset });
    runs.push(...next.runs);
    if (next.runs.length < limit || offset + limit >= next.total) return runs;
  }
}

export const runReads: ContractSuite[] = [
  {
    api: '${id}',
    name: 'lists and reads runs',
    writes: false,
    async run(ctx) {
      const first = await page(ctx);
      ok(ctx, first.limit === 25 && first.runs.length <= 25, 'a page has 25 runs unless asked otherwise', first.limit);
      const all = await everyRun(ctx, 10);
      same(ctx, all.length, first.total, 'paging by 10 visits as many runs as the total says');
      same(ctx, new Set(all.map((run) => run.id)).size, all.length, 'and each run once');
      ok(
        ctx,
        all.every((run, index) => index === 0 || (all[index - 1]?.created_at ?? '') >= run.created_at),
        'runs are listed newest first',
      );
      const succeeded = await everyRun(ctx, 100, { status: 'succeeded' });
      ok(ctx, succeeded.length > 0 && succeeded.every((run) => run.status === 'succeeded'), 'status=succeeded lists only succeeded runs');
      const [one] = all;
      if (one) {
        const read = await ctx.call('getRun', { params: { id: one.id }, headers: headers(ctx) }, { status: 200 });
        same(ctx, read.body, one, 'a run reads as it is listed');
      }
      const missing = await ctx.call('getRun', { params: { id: 'no-such-run' }, headers: headers(ctx) }, { status: 404 });
      like(ctx, missing.body, { status: 404, message: 'Run no-such-run not found.' }, "an unknown id is the vendor's 404");
      await ctx.call('listRuns', {}, { status: 401 });
      await ctx.call('listRuns', { query: { limit: 0 }, headers: headers(ctx) }, { status: 400 });
    },
  },
];

export const runWrites: ContractSuite[] = [
  {
    api: '${id}',
    name: 'starts and cancels a run',
    writes: true,
    async run(ctx) {
      const started = await ctx.call('startRun', { body: { name: 'Contract run' }, headers: headers(ctx) }, { status: 201 });
      const run = started.body as unknown as Run;
      like(ctx, run, { name: 'Contract run', status: 'queued' }, 'a started run is queued');
      ok(ctx, started.headers['location']?.endsWith(\`/api/runs/\${run.id}\`) === true, 'and its Location names it', started.headers['location']);
      const read = await ctx.call('getRun', { params: { id: run.id }, headers: headers(ctx) }, { status: 200 });
      const canceled = await ctx.call('cancelRun', { params: { id: run.id }, headers: headers(ctx) }, { status: 200 });
      like(ctx, canceled.body, { id: run.id, status: 'canceled' }, 'cancel ends it');
      const again = await ctx.call('cancelRun', { params: { id: run.id }, headers: headers(ctx) }, { status: 409 });
      like(ctx, again.body, { status: 409 }, 'a run that has ended cannot be canceled');
      ctx.checkRun([started.body ?? null, read.body ?? null, canceled.body ?? null], 'the run moves as the lifecycle allows');
    },
  },
];
`;
}
