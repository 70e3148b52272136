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
    allowed: {
      status: [
        'new',
        'processing',
        'invitation_sent',
        'pending_notification',
        'pending_review',
        'pending_approval',
        'approved',
        'pending_fulfillment',
        'waiting_on_workflow',
        'completed',
        'rejected',
        'failed',
        'closed',
      ],
    },
  },
];
