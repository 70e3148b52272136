import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument, packExamples } from '../../src/conformance/files.ts';
import { formatConformance, hasDrift } from '../../src/conformance/report.ts';
import { runConformance } from '../../src/conformance/run.ts';
import { inProcessTarget } from '../../src/conformance/target.ts';
import { startMockServer, type MockServer } from '../../src/harness/mock-server.ts';
import { declaredPacks, withPart } from '../support/pack-testing.ts';
import { vendorMissing, vendorPath } from '../support/vendor.ts';

// `npm run conformance` for every pack whose vendor publishes an OpenAPI document (`vendorDocument` in
// `mocks/<id>/testing.ts`), against the in-process mock: no drift in the operations the packs implement (the report is
// printed when there is some, ready to route).

const DOCUMENTS = withPart(await declaredPacks(), 'vendorDocument', 'conformance').map(({ pack, testing }) => [pack, testing.vendorDocument] as const);
const skipReason = vendorMissing(DOCUMENTS.map(([, file]) => file));

describe.skipIf(skipReason !== undefined)("conformance to the vendors' OpenAPI documents", () => {
  let mock: MockServer;

  beforeAll(async () => {
    mock = await startMockServer({ rateLimits: false, packs: DOCUMENTS.map(([pack]) => pack) });
  });

  afterAll(async () => {
    await mock?.stop();
  });

  it.each(DOCUMENTS.map(([pack, file]) => ({ api: pack.id, pack, file })))(
    'finds no drift in the operations the $api pack implements',
    async ({ api, pack, file }) => {
      const report = await runConformance({
        pack,
        document: loadDocument(vendorPath(file)),
        spec: file,
        target: inProcessTarget(pack, mock.url(api), mock.admin.journal),
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
    },
  );
});
