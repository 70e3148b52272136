import { catalogOperations } from './catalog.ts';
import { console8x8 } from './console.ts';
import { providerStates8x8 } from './provider-states.ts';
import { definitionOperations } from './definitions.ts';
import { workflowProgress } from './lifecycle.ts';
import { workflowMachine } from './machine.ts';
import { schemaId } from './schema-ids.ts';
import { seed8x8 } from './seed.ts';
import { triggerOperation } from './trigger.ts';
import { workflowOperations } from './workflows.ts';
import type { ApiPack } from '../../src/engine/pack.ts';

/**
 * 8x8 Automation API (automation_api.json; seed 001, vendor-facts 001): workflow instances, definitions, the
 * http_request trigger and the steps' time zones and functions. Usage and billing are out of scope (PROVENANCE.md).
 */
export const pack8x8: ApiPack = {
  console: console8x8,
  providerStates: providerStates8x8,
  id: '8x8',
  title: '8x8 Automation API',
  vendorBaseUrl: 'https://automation.8x8.com',
  media: { accepts: ['json'], produces: ['json'] },
  auth: { kind: 'authorization', schemes: [/^Bearer\s+(\S.*)$/i], message: 'Unauthorized: a valid Bearer token is required.' },
  errors: {
    schema: schemaId('error.json'),
    status: { illegalTransition: 400, conflict: 400 },
    codes: {
      invalidRequest: 1000,
      malformedBody: 1000,
      routeNotFound: 1000,
      methodNotAllowed: 1000,
      notAcceptable: 1000,
      payloadTooLarge: 1000,
      unsupportedMediaType: 1000,
      illegalTransition: 1000,
      conflict: 1000,
      rateLimited: 1000,
      unauthenticated: 1200,
      forbidden: 1201,
      notFound: 1300,
      internal: 2000,
    },
    messages: {
      routeNotFound: 'Resource not found.',
      methodNotAllowed: 'Method {method} is not allowed on this resource.',
      payloadTooLarge: 'Request body is larger than 1 MiB.',
      internal: 'Internal server error.',
    },
    render: (error) => ({ code: Number(error.code ?? 2000), message: error.message, errorId: error.errorId, timestamp: error.timestamp }),
  },
  seed: seed8x8,
  lifecycle: {
    machine: workflowMachine,
    progress: workflowProgress,
    ordered: [
      ['data.triggeredAt', 'startedAt'],
      ['startedAt', 'completedAt'],
    ],
    terminalOnly: ['completedAt'],
  },
  collections: { workflows: { schema: schemaId('workflow-instance.json') }, definitions: { schema: schemaId('definition.json') } },
  operations: [...workflowOperations(), ...definitionOperations(), triggerOperation(), ...catalogOperations()],
};
