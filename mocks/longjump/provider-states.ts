import type { ProviderStateDeclaration } from '../../src/pact/states.ts';

// The Pact provider states a consumer of LongJump/AgileApps workflows can ask for: a copy of a seeded record of the
// object in the asked-for workflow state (a state id), with the consumer's record id.

export const providerStatesLongjump: readonly ProviderStateDeclaration[] = [
  {
    name: 'the LongJump record {objectName}/{recordId} is in state {stateId}',
    collection: 'records',
    id: '{objectName}/{recordId}',
    match: { '/objectName': '{objectName}', '/currentStateId': '{stateId}' },
    set: { '/id': '{recordId}' },
  },
];
