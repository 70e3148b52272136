import type { ContractSuite } from '../../src/contract/types.ts';
import { commandSuites } from './suites/commands.ts';
import { definitionReads, definitionWrites } from './suites/definitions.ts';
import { requestSuites } from './suites/requests.ts';
import { seededSuites } from './suites/seeded.ts';
import { triggerSuites } from './suites/trigger.ts';
import { workflowSuites } from './suites/workflows.ts';

/**
 * 8x8 contracts, written once for any target (`npm run contract`, and `contracts.test.ts` against the mock). Reads
 * first, so a run against a shared target sees the account as it was; suites that write make their own definitions
 * and workflows. Pass --param accountId=... --param definitionId=... for a real account.
 */
export const suites8x8: ContractSuite[] = [
  ...workflowSuites,
  ...definitionReads,
  ...requestSuites,
  ...seededSuites,
  ...commandSuites,
  ...definitionWrites,
  ...triggerSuites,
];
