import type { ConsoleView } from '../../src/engine/pack.ts';
import { commonMoves } from './machine.ts';

export const consoleNerm: ConsoleView = {
  noun: 'workflow session',
  collection: 'sessions',
  headers: { authorization: 'Bearer console' },
  list: {
    operation: 'listWorkflowSessions',
    query: { metadata: 'true' },
    filters: ['status', 'workflow_id', 'requester_id', 'profile_id'],
    sort: {
      param: 'order',
      options: [
        { label: 'newest first', value: '-created_at' },
        { label: 'oldest first', value: 'created_at' },
        { label: 'recently updated', value: '-updated_at' },
        { label: 'status', value: 'status' },
        { label: 'id', value: 'id' },
      ],
    },
  },
  fields: { id: 'id', status: 'status', title: 'workflow_id', since: ['updated_at', 'created_at'] },
  // A session starts `new` (POST /workflow_sessions); the schema lists its statuses alphabetically.
  initial: 'new',
  detail: { operation: 'getWorkflowSession', params: { id: { field: 'id' } } },
  // PATCH accepts any status from any status; the console offers the usual next steps instead of 60 buttons (machine.ts).
  commands: {
    kind: 'machine',
    operation: 'updateWorkflowSession',
    params: { id: { field: 'id' } },
    body: { workflow_session: { status: '{command}' } },
    moves: commonMoves,
  },
  create: {
    operation: 'createWorkflowSession',
    example: () => ({
      workflow_session: {
        workflow_id: '6fe6ad93-3211-4ca9-a5a8-fc7e9bece4e3',
        requester_id: '5b565e11-f681-4494-8550-05b4c4776a54',
        requester_type: 'NeprofileUser',
        attributes: { job_title: 'Contractor' },
      },
    }),
  },
};
