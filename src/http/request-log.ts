/** What the server logs about each request. */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly ms: number;
}

/**
 * One JSON line per request in pino's layout (`level` 30, ISO `time`, the fields, `msg`), built by hand because it
 * runs for every request: about a third of what a general-purpose logger call costs here.
 */
export function requestLine(entry: RequestLogEntry, at: Date): string {
  const ms = Math.round(entry.ms * 10) / 10;
  const path = JSON.stringify(entry.path);
  const method = JSON.stringify(entry.method);
  const message = JSON.stringify(`${entry.method} ${entry.path} ${entry.status} ${ms.toFixed(1)}ms`);
  return `{"level":30,"time":"${at.toISOString()}","method":${method},"path":${path},"status":${entry.status},"ms":${ms},"msg":${message}}\n`;
}
