import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPacks } from '../../mocks/index.ts';
import { loadDocument, packExamples } from '../../src/conformance/files.ts';
import { formatConformance, hasDrift } from '../../src/conformance/report.ts';
import { runConformance } from '../../src/conformance/run.ts';
import { inProcessTarget } from '../../src/conformance/target.ts';
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';
import { vendorMissing, vendorPath } from '../support/vendor.ts';

/**
 * `npm run conformance` for the three vendors that publish OpenAPI documents, against the in-process mock: no drift
 * in the operations the packs implement (the report is printed when there is some, ready to route).
 */
const DOCUMENTS = [
  ['8x8', '8x8/automation_api.json'],
  ['amperity', 'amperity/control-plane-2024-04-01-openapi.json'],
  ['nerm', 'nerm/deref-sailpoint-api.nerm.json'],
] as const;
const skipReason = vendorMissing(DOCUMENTS.map(([, file]) => file));

describe.skipIf(skipReason !== undefined)("conformance to the vendors' OpenAPI documents", () => {
  let mock: MockServer;

  beforeAll(async () => {
    mock = await startMockServer({ rateLimits: false, packs: allPacks.filter((pack) => DOCUMENTS.some(([api]) => api === pack.id)) });
  });

  afterAll(async () => {
    await mock?.stop();
  });

  it.each(DOCUMENTS)('finds no drift in the operations the %s pack implements', async (api, file) => {
    const pack = allPacks.find((p) => p.id === api);
    if (!pack) throw new Error(`no pack ${api}`);
    const report = await runConformance({
      pack,
      document: loadDocument(vendorPath(file)),
      spec: file,
      target: inProcessTarget(pack, mock.url(api), mock.engine.journal),
      params: {},
      generated: 3,
      examples: packExamples(api),
    });
    expect(report.results.filter((r) => r.status < 300).length).toBeGreaterThan(0);
    const drifting = report.results.filter((r) => r.verdict === 'drift');
    expect(
      drifting.map((r) => `${r.method} ${r.path} ${r.status} ${r.label}`),
      formatConformance(report, { driftOnly: true }),
    ).toEqual([]);
    expect(hasDrift(report)).toBe(false);
  });
});
