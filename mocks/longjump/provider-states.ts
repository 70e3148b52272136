import type { ProviderStateDeclaration } from '../../src/pact/states.ts';

// The Pact provider states a consumer of LongJump/AgileApps workflows can ask for: a signed-in session with the
// consumer's session id (made from the seed's login of that user), and a copy of a seeded record of the object in the
// asked-for workflow state (a state id), with the consumer's record id.

export const providerStatesLongjump: readonly ProviderStateDeclaration[] = [
  {
    // Every call but login needs a session cookie: the consumer names the session id its pact sends.
    name: 'the LongJump user {userName} is signed in with session {sessionId}',
    collection: 'sessions',
    from: 'logins',
    id: '{sessionId}',
    match: { '/userName': '{userName}' },
    set: { '/sessionId': '{sessionId}' },
  },
  {
    name: 'the LongJump record {objectName}/{recordId} is in state {stateId}',
    collection: 'records',
    id: '{objectName}/{recordId}',
    match: { '/objectName': '{objectName}', '/currentStateId': '{stateId}' },
    set: { '/id': '{recordId}' },
  },
];
