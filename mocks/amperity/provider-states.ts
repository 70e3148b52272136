import settings from '../../fixtures/amperity/generation.json' with { type: 'json' };
import type { ProviderStateDeclaration } from '../../src/pact/states.ts';

// The Pact provider states a consumer of Amperity workflow runs can ask for: a copy of a seeded run in the
// asked-for state (in the seed's tenant), with the consumer's id.

export const providerStatesAmperity: readonly ProviderStateDeclaration[] = [
  {
    name: 'an Amperity workflow run {id} is {state}',
    collection: 'runs',
    id: '{id}',
    match: { '/state': '{state}' },
    set: { '/id': '{id}' },
    // The statuses the seed draws (a state copies a seeded record in that status).
    allowed: { state: Object.keys(settings.stateWeights) },
  },
];
