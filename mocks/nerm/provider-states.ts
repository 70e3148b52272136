import settings from '../../fixtures/nerm/generation.json' with { type: 'json' };
import type { ProviderStateDeclaration } from '../../src/pact/states.ts';

// The Pact provider states a consumer of NERM workflow sessions can ask for: a copy of a seeded session in the
// asked-for status, with the consumer's id.

export const providerStatesNerm: readonly ProviderStateDeclaration[] = [
  {
    name: 'a NERM workflow session {id} is {status}',
    collection: 'sessions',
    id: '{id}',
    match: { '/status': '{status}' },
    set: { '/id': '{id}', '/uid': '{id}' },
    // The statuses the seed draws (a state copies a seeded record in that status).
    allowed: { status: Object.keys(settings.statusWeights) },
  },
];
