// The package's root export (`import { startMockServer } from 'workflow-run-mocks'`): the in-process harness a team's
// test suite uses, and the types it hands back. Each API's typed client is a subpath export of its own
// (`workflow-run-mocks/clients/nerm`), so a suite loads only the clients it uses. Re-exports only: the harness and
// the engine own the behaviour.

export { startMockServer, type MockServer, type MockServerOptions } from './harness/mock-server.ts';
export { allPacks } from '../mocks/index.ts';
export type { ApiPack } from './engine/pack.ts';
export type { EngineAdmin, Profile, StateExport } from './engine/engine.ts';
export type { ControlledClock } from './core/clock.ts';
export type { FaultRule, ActiveFault, FaultBook } from './faults/faults.ts';
export type { JournalEntry, JournalFilter, RequestViolation } from './journal/journal.ts';
export type { ApiCoverage, OperationCoverage } from './journal/coverage.ts';
/** `SESSION_HEADER` puts a request in a session of its own: its own copy of every API's data, seeded on first use. */
export { DEFAULT_SESSION, SESSION_HEADER } from './engine/spaces.ts';
