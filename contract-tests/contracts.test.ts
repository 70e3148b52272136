import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPacks } from '../mocks/index.ts';
import { formatReport } from '../src/contract/report.ts';
import { runContracts } from '../src/contract/run.ts';
import { readSchemaFiles } from '../src/files/schemas.ts';
import { createSchemaRegistry } from '../src/validation/registry.ts';
import { declaredPacks, withPart } from './support/pack-testing.ts';
import { startSuiteTarget, type SuiteTarget } from './support/suite-target.ts';

// The vendors' contracts, written once (`contract-tests/<id>/suites.ts`), run here against the in-process mock: one
// test per suite, in the order `npm run contract` runs them, every suite of a pack against one mock (so each suite
// must hold whatever ran before it, as against a real provider). A failing suite prints its failed checks with a curl
// line each. Every pack with suites is run; a pack without is named with why.

const registry = createSchemaRegistry(readSchemaFiles(), { allErrors: true });
const contracted = withPart(await declaredPacks(), 'suites', 'contract suites');

describe.each(contracted)('$pack.id contracts against the mock', ({ pack, testing }) => {
  let target: SuiteTarget;

  beforeAll(async () => {
    target = await startSuiteTarget(pack);
  });
  afterAll(async () => {
    await target.stop();
  });

  it.each(testing.suites.map((suite) => ({ name: suite.name, suite })))('$name', async ({ suite }) => {
    const report = await runContracts({
      suites: [suite],
      packs: allPacks,
      registry,
      target: { baseUrl: () => target.url, external: false },
      allowWrites: true,
      undocumented: 'fail',
      params: {},
      pace: false,
    });
    const failed = report.results.filter((result) => !result.ok);
    expect(
      failed.map((result) => result.description),
      formatReport({ results: failed }),
    ).toEqual([]);
    expect(report.results.length).toBeGreaterThan(0);
    expect(target.violations.map((violation) => `${violation.kind} ${violation.status}: ${violation.detail.slice(0, 300)}`)).toEqual([]);
  });
});
