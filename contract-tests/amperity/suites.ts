import type { ContractSuite } from '../../src/contract/types.ts';
import { documentReads, documentWrites } from './suites/document.ts';
import { listReads, listWrites } from './suites/list.ts';
import { runReads, runWrites } from './suites/runs.ts';
import { seededReads } from './suites/seeded.ts';

/**
 * Amperity contracts, written once for any target (`npm run contract`, and `contracts.test.ts` against the mock).
 * Reads first; suites that write start their own runs (and stop seeded ones only to test refusals). Pass
 * --param tenant=... --param otherTenant=... --param configId=... for a real tenant.
 */
export const suitesAmperity: ContractSuite[] = [...listReads, ...runReads, ...documentReads, ...seededReads, ...runWrites, ...listWrites, ...documentWrites];
