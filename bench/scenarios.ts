import { declaredPacks } from '../contract-tests/support/pack-testing.ts';
import type { Scenario } from './scenario.ts';

export type { ConnectionState, Scenario, ScenarioPlan } from './scenario.ts';

/** A scenario with the API it loads. */
export interface PackScenario extends Scenario {
  readonly api: string;
}

const declared = await declaredPacks();

/** Every benchmark scenario, gathered from the packs' testing declarations (`bench` in `mocks/<id>/testing.ts`) in mount order. */
export const scenarios: readonly PackScenario[] = declared.flatMap(({ pack, testing }) =>
  (testing.bench ?? []).map((scenario) => ({ ...scenario, api: pack.id })),
);

/** The packs that declare no scenario, each with why, for the bench and the soak to print. */
export const unbenched: readonly string[] = declared
  .filter(({ testing }) => (testing.bench ?? []).length === 0)
  .map(({ pack, testing }) => `${pack.id} (${testing.notApplicable?.bench ?? `no bench scenario declared in mocks/${pack.id}/testing.ts`})`);
