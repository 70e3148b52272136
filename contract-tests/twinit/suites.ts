import type { ContractSuite } from '../../src/contract/types.ts';
import { definitionSuites } from './suites/definitions.ts';
import { listSuites } from './suites/list.ts';
import { runSuites } from './suites/runs.ts';
import { seededReads, seededWrites } from './suites/seeded.ts';

/**
 * Twinit contracts, written once for any target (`npm run contract`, and `contracts.test.ts` against the mock). Reads
 * first; suites that write make their own runs and definitions, except the seeded one that moves the document's run.
 */
export const suitesTwinit: ContractSuite[] = [
  ...listSuites,
  ...runSuites.filter((suite) => !suite.writes),
  ...definitionSuites.filter((suite) => !suite.writes),
  ...seededReads,
  ...runSuites.filter((suite) => suite.writes),
  ...definitionSuites.filter((suite) => suite.writes),
  ...seededWrites,
];
