import type { ContractSuite } from '../../src/contract/types.ts';
import { commandWrites } from './suites/commands.ts';
import { listReads } from './suites/list.ts';
import { runReads } from './suites/runs.ts';
import { seededReads } from './suites/seeded.ts';

/**
 * GitHub Actions workflow-run contracts, written once for any target (`npm run contract`, and `contracts.test.ts`
 * against the mock). Reads first, then the seed, then the suites that cancel and re-run runs. Pass --param owner=...
 * --param repo=... --param token=... for a real repository.
 */
export const suitesGithub: ContractSuite[] = [...listReads, ...runReads, ...seededReads, ...commandWrites];
