// The part of newman's programmatic API the real-client tests use (newman ships no types, and @types/newman would
// pull in the whole postman-collection type tree for four fields).

declare module 'newman' {
  import type { EventEmitter } from 'node:events';

  export interface RunOptions {
    readonly collection: object;
    readonly environment?: object;
    /** Reporter names; none at all keeps newman silent. */
    readonly reporters?: readonly string[];
    /** Where form files are read from; with `insecureFileRead: false` nowhere else. */
    readonly workingDir?: string;
    readonly insecureFileRead?: boolean;
    readonly timeoutRequest?: number;
    readonly timeout?: number;
  }

  /** postman-collection's Request and Response, as far as the tests read them. */
  export interface SentRequest {
    readonly method: string;
    readonly url: { toString(): string; getHost(): string };
  }
  export interface ReceivedResponse {
    readonly code: number;
    readonly status: string;
    text(): string;
  }
  export interface RequestEventArgs {
    readonly request: SentRequest;
    readonly response?: ReceivedResponse;
    readonly item: { readonly name: string };
  }
  export interface RunSummary {
    readonly run: {
      readonly failures: readonly { readonly error: { readonly name: string; readonly message: string }; readonly source?: { readonly name?: string } }[];
      readonly stats: { readonly requests: { readonly total: number; readonly failed: number } };
    };
  }

  export interface RunEmitter extends EventEmitter {
    on(event: 'request', listener: (error: Error | null, args: RequestEventArgs) => void): this;
    on(event: 'console', listener: (error: Error | null, args: { readonly level: string; readonly messages: readonly unknown[] }) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export function run(options: RunOptions, callback: (error: Error | null, summary: RunSummary) => void): RunEmitter;
}
