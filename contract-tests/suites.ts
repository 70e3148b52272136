import type { ContractSuite } from '../src/contract/types.ts';
import { suites8x8 } from './8x8/suites.ts';
import { suitesAmperity } from './amperity/suites.ts';
import { suitesLongjump } from './longjump/suites.ts';
import { suitesNerm } from './nerm/suites.ts';
import { suitesTwinit } from './twinit/suites.ts';

/** Every contract suite, per API: run by `npm run contract` against the mock or any base URL. */
export const allSuites: readonly ContractSuite[] = [...suites8x8, ...suitesNerm, ...suitesTwinit, ...suitesAmperity, ...suitesLongjump];
