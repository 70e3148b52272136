import type { Json, JsonObject } from '../../src/core/json.ts';
import type { NewRecord } from '../../src/store/store.ts';

/** How 8x8 workflow records are put together; shared by the seed and by POST .../workflows. */
export interface DefinitionVersion {
  readonly accountId: string;
  readonly id: string;
  readonly version: number;
  readonly subAccountId?: string | null;
  readonly steps: readonly { readonly id: string }[];
}

/** A MongoDB-style ObjectId: 8 hex digits of the start time in seconds, then 16 more (seed 001's ids). */
export function objectId(startedAtMs: number, randomHex16: string): string {
  return Math.floor(startedAtMs / 1000).toString(16).padStart(8, '0') + randomHex16;
}

export type StepStatus = 'Pending' | 'Running' | 'Complete' | 'Sleeping' | 'WaitingForEvent' | 'Failed' | 'Cancelled';

export interface StepProgress {
  /** Index of the step the workflow stopped at (for a Complete run: steps.length). */
  readonly current: number;
  /** Status of that step. */
  readonly currentStatus: StepStatus;
  /** Start time of each step that started, in order. */
  readonly startTimes: readonly string[];
  readonly endTime: string | null;
}

/** Step logs consistent with where the workflow is: finished steps Complete, the current one as given, later ones Pending or Cancelled. */
export function stepLogs(steps: DefinitionVersion['steps'], progress: StepProgress, logIds: readonly string[]): JsonObject[] {
  return steps.map((step, index) => {
    const startedAt = progress.startTimes[index] ?? null;
    const nextStart = progress.startTimes[index + 1] ?? progress.endTime;
    const base = { id: logIds[index] ?? '', stepName: step.id };
    if (index < progress.current) return { ...base, startedAt, completedAt: nextStart, status: 'Complete' };
    if (index === progress.current) {
      const ended = progress.currentStatus === 'Failed' || progress.currentStatus === 'Cancelled';
      return { ...base, startedAt, completedAt: ended ? progress.endTime : null, status: progress.currentStatus };
    }
    const after: StepStatus = progress.endTime && progress.current < steps.length ? 'Cancelled' : 'Pending';
    return { ...base, startedAt: null, completedAt: null, status: after };
  });
}

export interface WorkflowFields {
  readonly workflowId: string;
  readonly definition: DefinitionVersion;
  readonly payload: Json;
  readonly status: string;
  readonly triggeredAt: string;
  readonly startedAt: string;
  readonly completedAt: string | null;
  readonly logs: readonly JsonObject[];
  readonly errors: readonly JsonObject[];
}

/** The record: the instance as the vendor shows it in `data`; logs and errors, shown by other calls, in `meta`. */
export function workflowRecord(fields: WorkflowFields): NewRecord {
  const { definition } = fields;
  const context: JsonObject = { payload: fields.payload, accountId: definition.accountId };
  if (definition.subAccountId) context['subAccountId'] = definition.subAccountId;
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
