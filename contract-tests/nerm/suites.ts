import type { ContractSuite } from '../../src/contract/types.ts';
import { attachmentSuites } from './suites/attachments.ts';
import { listSuites } from './suites/list.ts';
import { requestSuites } from './suites/requests.ts';
import { seededReads, seededWrites } from './suites/seeded.ts';
import { sessionSuites } from './suites/sessions.ts';

/**
 * NERM contracts, written once for any target (`npm run contract`, and `contracts.test.ts` against the mock). Reads
 * first; suites that write make their own sessions, except the seeded one that closes a seeded session per status.
 */
export const suitesNerm: ContractSuite[] = [...listSuites, ...requestSuites, ...seededReads, ...sessionSuites, ...attachmentSuites, ...seededWrites];
