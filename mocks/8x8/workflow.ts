import type { Json, JsonObject } from '../../src/core/json.ts';
import type { NewRecord } from '../../src/store/store.ts';

// How 8x8 workflow records are put together; shared by the seed, POST .../workflows and the http_request trigger.

export interface DefinitionVersion {
  readonly accountId: string;
  readonly id: string;
  readonly version: number;
  readonly subAccountId?: string;
  readonly steps: readonly JsonObject[];
}

/** A MongoDB-style ObjectId: 8 hex digits of the start time in seconds, then 16 more (the documents' example ids). */
export function objectId(startedAtMs: number, randomHex16: string): string {
  return (
    Math.floor(startedAtMs / 1000)
      .toString(16)
      .padStart(8, '0') + randomHex16
  );
}

/** The definition version a stored definition's data describes. */
export function versionOf(data: JsonObject): DefinitionVersion {
  const steps = (data['definition'] as JsonObject | undefined)?.['steps'];
  const subAccountId = data['subAccountId'];
  return {
    accountId: String(data['accountId']),
    id: String(data['id']),
    version: Number(data['version']),
    ...(typeof subAccountId === 'string' ? { subAccountId } : {}),
    steps: (Array.isArray(steps) ? steps : []).filter((step): step is JsonObject => typeof step === 'object' && step !== null && !Array.isArray(step)),
  };
}

/**
 * The steps one run goes through: from the first step, along `nextStepId`, and at a `selectNextStep` (Branch,
 * WaitForReply, WaitForDTMF) along the branch `choose` picks among those that name a step. Stops at a step it has
 * already visited (a definition may loop back, as components/examples/definitionInput's step7 does).
 */
export function runPath(steps: readonly JsonObject[], choose: (options: readonly string[]) => string | undefined): JsonObject[] {
  return pathWalker(steps)(choose);
}

/** `runPath` over one definition's steps, their links read once, for walking many runs through it. */
export function pathWalker(steps: readonly JsonObject[]): (choose: (options: readonly string[]) => string | undefined) => JsonObject[] {
  const byId = new Map(steps.map((step) => [String(step['id']), step]));
  const branchesOf = new Map(
    steps.map((step) => {
      const select = step['selectNextStep'];
      return [step, typeof select === 'object' && select !== null && !Array.isArray(select) ? Object.keys(select).filter((id) => byId.has(id)) : []];
    }),
  );
  return (choose) => {
    const path: JsonObject[] = [];
    const seen = new Set<string>();
    let step = steps[0];
    while (step && !seen.has(String(step['id']))) {
      seen.add(String(step['id']));
      path.push(step);
      const branches = branchesOf.get(step) ?? [];
      const next = branches.length > 0 ? choose(branches) : typeof step['nextStepId'] === 'string' ? step['nextStepId'] : undefined;
      step = next === undefined ? undefined : byId.get(next);
    }
    return path;
  };
}

export type StepStatus = 'Pending' | 'Running' | 'Complete' | 'Sleeping' | 'WaitingForEvent' | 'Failed' | 'Cancelled';

/** What a step waits in while it runs (components/schemas/workflowLog statuses). */
export function runningStatus(step: JsonObject): StepStatus {
  if (step['stepType'] === 'Wait') return 'Sleeping';
  if (step['stepType'] === 'WaitForReply' || step['stepType'] === 'WaitForDTMF') return 'WaitingForEvent';
  return 'Running';
}

export interface StepProgress {
  /** Index in the path of the step the workflow stopped at (for a Complete run: the path's length). */
  readonly current: number;
  /** Status of that step. */
  readonly currentStatus: StepStatus;
  /** Start time of each step that started, in order. */
  readonly startTimes: readonly string[];
  readonly endTime: string | null;
}

/**
 * Every step of the run's path with where it is: finished steps Complete, the current one as given, later ones
 * Pending. Kept whole in the record's meta so the lifecycle can finish the run; only ended steps are shown (shownLogs).
 */
export function stepLogs(path: readonly JsonObject[], progress: StepProgress, logIds: readonly string[]): JsonObject[] {
  return path.map((step, index) => {
    const startedAt = progress.startTimes[index] ?? null;
    const nextStart = progress.startTimes[index + 1] ?? progress.endTime;
    const base = { id: logIds[index] ?? '', stepName: String(step['id']) };
    if (index < progress.current) return { ...base, startedAt, completedAt: nextStart, status: 'Complete' };
    if (index === progress.current) {
      const ended = progress.currentStatus === 'Failed' || progress.currentStatus === 'Cancelled';
      return { ...base, startedAt, completedAt: ended ? progress.endTime : null, status: progress.currentStatus };
    }
    return { ...base, startedAt: null, completedAt: null, status: 'Pending' };
  });
}

/**
 * The logs a client sees: components/schemas/workflowLog requires startedAt and completedAt as strings, so a step is
 * listed once it has run (Complete, Failed or Cancelled); a step still running or not reached yet is not.
 */
export function shownLogs(logs: Json | undefined): JsonObject[] {
  return (Array.isArray(logs) ? logs : []).filter(
    (log): log is JsonObject =>
      typeof log === 'object' && log !== null && !Array.isArray(log) && typeof log['startedAt'] === 'string' && typeof log['completedAt'] === 'string',
  );
}

export interface WorkflowFields {
  readonly workflowId: string;
  readonly definition: DefinitionVersion;
  /** What the trigger put in the context besides accountId, subAccountId and triggeredAt (e.g. `payload`). */
  readonly context: JsonObject;
  /** The subaccount the trigger was raised with, if any. */
  readonly subAccountId?: string | undefined;
  readonly status: string;
  readonly triggeredAt: string;
  readonly startedAt: string;
  readonly completedAt: string | null;
  readonly logs: readonly JsonObject[];
  readonly errors: readonly JsonObject[];
}

/**
 * The record: the instance as the vendor shows it in `data`; logs and errors, shown by other calls, in `meta`. The
 * context's own fields (accountId, subAccountId, triggeredAt) win over same-named fields of the trigger's data.
 */
export function workflowRecord(fields: WorkflowFields): NewRecord {
  const { definition } = fields;
  const context: JsonObject = { ...fields.context, accountId: definition.accountId };
  delete context['subAccountId'];
  delete context['triggeredAt'];
  if (fields.subAccountId !== undefined) context['subAccountId'] = fields.subAccountId;
  context['triggeredAt'] = fields.triggeredAt;
  return {
    id: fields.workflowId,
    data: {
      workflowId: fields.workflowId,
      data: context,
      definitionId: definition.id,
      version: definition.version,
      status: fields.status,
      startedAt: fields.startedAt,
      completedAt: fields.completedAt,
    },
    meta: { logs: [...fields.logs], errors: [...fields.errors] },
  };
}
