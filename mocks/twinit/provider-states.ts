import settings from '../../fixtures/twinit/generation.json' with { type: 'json' };
import type { ProviderStateDeclaration } from '../../src/pact/states.ts';

// The Pact provider states a consumer of Twinit's workflow service can ask for: a copy of a seeded workflow in the
// asked-for status (in the seed's namespaces), with the consumer's id.

export const providerStatesTwinit: readonly ProviderStateDeclaration[] = [
  {
    name: 'a Twinit workflow {id} is {status}',
    collection: 'workflows',
    id: '{id}',
    match: { '/_status': '{status}' },
    set: { '/_id': '{id}' },
    // The statuses the seed draws (a state copies a seeded record in that status).
    allowed: { status: Object.keys(settings.statusWeights) },
  },
];
