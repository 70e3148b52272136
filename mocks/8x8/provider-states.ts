import settings from '../../fixtures/8x8/generation.json' with { type: 'json' };
import type { ProviderStateDeclaration } from '../../src/pact/states.ts';

// The Pact provider states a consumer of 8x8 Automation can ask for: a copy of a seeded workflow instance in the
// asked-for status, under the documented definition and account (the seed's own), with the consumer's id.

export const providerStates8x8: readonly ProviderStateDeclaration[] = [
  {
    name: 'an 8x8 workflow instance {workflowId} is {status}',
    collection: 'workflows',
    id: '{workflowId}',
    match: { '/status': '{status}', '/definitionId': '{definitionId}' },
    set: { '/workflowId': '{workflowId}' },
    defaults: { definitionId: settings.documentedDefinition.id },
    // The statuses the seed draws (a state copies a seeded record in that status).
    allowed: { status: Object.keys(settings.statusWeights) },
  },
];
