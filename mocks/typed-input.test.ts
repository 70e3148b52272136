import { describe, expect, it } from 'vitest';
import { mockError } from '../src/core/errors.ts';
import type { Operation } from '../src/engine/pack.ts';
import { typedOperations } from '../src/engine/typed-input.ts';
import type { Inputs as EightByEight } from './8x8/inputs.generated.ts';
import type { Inputs as Amperity } from './amperity/inputs.generated.ts';
import type { Inputs as Nerm } from './nerm/inputs.generated.ts';

// Proofs at compile time: `tsc --noEmit` (part of npm test) fails when a line marked @ts-expect-error compiles, so
// each marked line below shows a mistake the generated input types catch. The unmarked lines show what they allow.

const nermOperation = typedOperations<Nerm>();
const eightByEightOperation = typedOperations<EightByEight>();
const amperityOperation = typedOperations<Amperity>();
const declared = { method: 'GET', path: '/proof', summary: 'A declaration that only has to compile.', responses: { 200: null } } as const;
const notFound = () => mockError('notFound', 'not found');

const proofs: Operation[] = [
  nermOperation({
    ...declared,
    id: 'listWorkflowSessions',
    action: {
      kind: 'get',
      collection: 'sessions',
      id: (input) => {
        // A query parameter with a default is filled in: present, and of its schema's type.
        const limit: number = input.query.limit;
        // @ts-expect-error a misspelt query parameter
        const misspelt = input.query.limt;
        // @ts-expect-error a misspelt query parameter read with brackets
        const bracketed = input.query['limt'];
        // @ts-expect-error a query parameter of another type: limit is a number
        const wrongType: string = input.query.limit;
        // @ts-expect-error a filter without a default may be absent
        const absent: string = input.query.uid;
        // @ts-expect-error the list has no path parameters
        const noParams = input.params['id'];
        return String([limit, misspelt, bracketed, wrongType, absent, noParams]);
      },
      notFound,
    },
  }),
  nermOperation({
    ...declared,
    id: 'createWorkflowSession',
    action: {
      kind: 'get',
      collection: 'sessions',
      id: (input) => {
        const requester: string = input.body.workflow_session.requester_id;
        // @ts-expect-error a misspelt body field
        const misspelt = input.body.workflow_sesion;
        // @ts-expect-error a query parameter of another type: run is a boolean
        const run: string = input.query.run;
        return String([requester, misspelt, run]);
      },
      notFound,
    },
  }),
  nermOperation({
    ...declared,
    id: 'getWorkflowSession',
    action: {
      kind: 'get',
      collection: 'sessions',
      id: (input) => {
        // @ts-expect-error an operation without a query schema reads no query parameter
        const undeclared = input.query['limit'];
        // @ts-expect-error nor a body
        const body: string = input.body;
        return `${input.params.id}${String(undeclared)}${body}`;
      },
      notFound,
    },
  }),
  eightByEightOperation({
    ...declared,
    id: 'getWorkflowInstance',
    action: {
      kind: 'get',
      collection: 'workflows',
      // @ts-expect-error a misspelt path parameter
      id: (input) => input.params.workflowID,
      notFound,
    },
  }),
  amperityOperation({
    ...declared,
    id: 'getWorkflowRun',
    action: {
      kind: 'get',
      collection: 'runs',
      id: (input) => {
        const tenant: string = input.headers['amperity-tenant'];
        // @ts-expect-error a misspelt header
        const misspelt = input.headers['amperity-tenat'];
        // @ts-expect-error a value the parameter's enum does not have
        const verbose = input.query.view === 'verbos';
        return String([tenant, misspelt, verbose]);
      },
      notFound,
    },
  }),
  // @ts-expect-error an operation id the pack does not have
  nermOperation({ ...declared, id: 'listWorkflowSession', action: { kind: 'get', collection: 'sessions', id: () => '', notFound } }),
];

describe('typed operations', () => {
  it('returns each operation as it was declared, to join the pack list of mixed operations', () => {
    const operation = { ...declared, id: 'getWorkflowSession', action: { kind: 'get', collection: 'sessions', id: () => '', notFound } } as const;
    expect(nermOperation(operation)).toBe(operation);
    expect(proofs.map((proof) => proof.id)).toEqual([
      'listWorkflowSessions',
      'createWorkflowSession',
      'getWorkflowSession',
      'getWorkflowInstance',
      'getWorkflowRun',
      'listWorkflowSession',
    ]);
  });
});
