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
    allowed: { status: ['QUEUED', 'RUNNING', 'PAUSED', 'COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED'] },
  },
];
