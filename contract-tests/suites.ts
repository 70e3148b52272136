import type { ContractSuite } from '../src/contract/types.ts';
import { declaredPacks } from './support/pack-testing.ts';

/**
 * Every contract suite, per API, in mount order: each pack's `suites` (`mocks/<id>/testing.ts`, written in
 * `contract-tests/<id>/suites.ts`). Run by `npm run contract` against the mock or any base URL, and by
 * `contracts.test.ts` against the in-process mock.
 */
export const allSuites: readonly ContractSuite[] = (await declaredPacks()).flatMap(({ testing }) => testing.suites ?? []);
