import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { PROJECT_ROOT } from '../files/root.ts';

/** The project root with a trailing slash, for `${ROOT}path` (src/files/root.ts finds it). */
export const ROOT = `${PROJECT_ROOT}/`;
export const MAIN = 'src/main.ts';
/** What `npm start` runs: the server bundle in `dist/`, built first when a source changed (`scripts/start.mjs`). */
export const START = 'scripts/start.mjs';
/**
 * Node flags the server runs with (the `start` script passes the same): a larger young generation, so the short-lived
 * objects of requests in flight die young instead of being promoted and collected with a large seeded heap.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'] as const;

export interface ServerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly origin: string;
  output(): string;
  /** SIGKILL, as a crash: nothing gets to flush or close. */
  kill(): Promise<void>;
  /** SIGTERM, and wait for the process to exit on its own (so `--cpu-prof` gets written). */
  stop(): Promise<void>;
}

/** Starts `src/main.ts` the way `npm start` does, on a free port, and waits for its "listening on" line. */
export function startServer(args: readonly string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  return startScript(MAIN, ['--port', '0', ...args], { env, nodeOptions: SERVER_NODE_FLAGS });
}

export interface ScriptOptions {
  readonly env?: Record<string, string>;
  /** Flags for Node itself, e.g. `--cpu-prof`. */
  readonly nodeOptions?: readonly string[];
  readonly timeoutMs?: number;
  /** Stop collecting stdout once the server is up (a benchmark must not spend its CPU on the server's log). */
  readonly discardLogAfterStart?: boolean;
  /** Told the process as soon as it exists, before it listens (the benchmark samples its memory while it starts). */
  readonly onSpawn?: (child: ChildProcessWithoutNullStreams) => void;
}

/**
 * Starts an entry point (relative to the project root; TypeScript through tsx) in its own Node process and waits
 * until it prints `listening on http://...`: the mock, or the benchmark's baseline servers.
 */
export async function startScript(script: string, args: readonly string[], options: ScriptOptions = {}): Promise<ServerProcess> {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), ...loader, script, ...args], {
    cwd: ROOT,
    env: { ...process.env, PORT: '', ...options.env },
  });
  options.onSpawn?.(child);
  let output = '';
  const collect = (chunk: Buffer) => (output += String(chunk));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Nobody gets a handle on a server that never said it was listening, so it must not outlive the wait.
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    const check = () => {
      const found = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`server exited:\n${output}`));
    });
  });
  if (options.discardLogAfterStart) {
    child.stdout.off('data', collect);
    child.stdout.removeAllListeners('data');
    child.stdout.resume();
  }
  return {
    child,
    origin,
    output: () => output,
    kill: () => signal(child, 'SIGKILL'),
    stop: () => signal(child, 'SIGTERM'),
  };
}

function signal(child: ChildProcessWithoutNullStreams, name: NodeJS.Signals): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(name);
  });
}
