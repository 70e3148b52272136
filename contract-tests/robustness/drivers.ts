import type { Json } from '../../src/core/json.ts';
import type { PlainRequest } from '../../src/core/request.ts';

// How the model-based tests drive an API: create a run, move it, read it, and page through the list. Each pack
// declares its driver (`model` in `mocks/<id>/testing.ts`) speaking the vendor's own requests; what a move should do
// comes from the pack's declared machine, not from the driver.

export interface PageRead {
  readonly items: readonly { readonly id: string; readonly state: string }[];
  /** The next page's request, if the API says there is one. */
  readonly next?: Request;
  /** The total the API reports, when it reports one. */
  readonly total?: number;
}

export type Request = Omit<PlainRequest, 'base' | 'headers'> & { readonly headers?: Readonly<Record<string, string>> };

export interface ModelDriver {
  /** Commands the model picks from (a subset where the vendor has dozens). */
  readonly commands: readonly string[];
  /** The state a run is created in. */
  readonly initial: string;
  /** The status an illegal move gets. */
  readonly refusedStatus: number;
  /** A PATCH of the status a run already has is an update that changes nothing, not a move (NERM). */
  readonly currentStateIsNoMove?: boolean;
  /** Pages are keyset cursors over a newest-first list: runs created mid-traversal sort before the cursor. */
  readonly keysetNewestFirst?: boolean;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Starts a run, and reads the started run's id from the answer. Both absent for an API with no operation that starts
   * one: the model then works on the runs of the first page-through (their states as listed), and tests that need a new
   * run skip the pack and say why.
   */
  create?(): Request;
  idOfCreated?(response: { payload: Json | undefined; headers: Readonly<Record<string, string>> }): string;
  transition(id: string, command: string): Request;
  get(id: string): Request;
  stateOf(payload: Json | undefined): string;
  /** The run itself in a read's payload, as the lifecycle checker reads it (the payload unless the API wraps it). */
  runOf?(payload: Json | undefined): Json | undefined;
  firstPage(limit: number): Request;
  readPage(payload: Json | undefined, limit: number, request: Request): PageRead;
}

/** How a driver starts runs, when it can: its request and the id read from the answer. */
export function starterOf(driver: ModelDriver): { request(): Request; idOf: NonNullable<ModelDriver['idOfCreated']> } | undefined {
  const { create, idOfCreated } = driver;
  return create && idOfCreated ? { request: create.bind(driver), idOf: idOfCreated.bind(driver) } : undefined;
}
