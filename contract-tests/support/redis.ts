import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

// A Redis for the tests: REDIS_URL when set, else a `redis-server` started here on a free loopback port (CI installs
// Debian's package). Without either the Redis tests skip and say why.

export interface TestRedis {
  readonly url: string;
  stop(): Promise<void>;
}

export function redisUnavailable(): string | undefined {
  if (process.env['REDIS_URL']) return undefined;
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.status === 0) return undefined;
  // CI sets REQUIRE_REDIS=1: there a missing Redis is a failure, never a quiet skip.
  if (process.env['REQUIRE_REDIS'] === '1') throw new Error('REQUIRE_REDIS=1 but no redis-server on PATH and no REDIS_URL');
  return 'no redis-server on PATH and no REDIS_URL: Redis tests skipped (CI installs redis-server)';
}

export async function startRedis(): Promise<TestRedis> {
  const fromEnv = process.env['REDIS_URL'];
  if (fromEnv) return { url: fromEnv, stop: async () => undefined };
  const port = await freePort();
  const child = await spawnRedis(['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => killRedis(child),
  };
}

/** A Redis the chaos tests stop with `kill -9` and start again on the same port, with its append-only file in `dir`. */
export interface ChaosRedis {
  readonly url: string;
  kill(): Promise<void>;
  /** Starts it again on the same port, with its data (or with another directory's, e.g. an empty one). */
  start(dir?: string): Promise<void>;
}

/** Always a local `redis-server` (never REDIS_URL: the test kills it), fsyncing every write as the compose file does. */
export async function startChaosRedis(dir: string): Promise<ChaosRedis> {
  const port = await freePort();
  const args = (data: string) => ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', data, '--appendonly', 'yes', '--appendfsync', 'always'];
  let child = await spawnRedis(args(dir));
  return {
    url: `redis://127.0.0.1:${port}`,
    kill: () => killRedis(child),
    async start(data = dir) {
      child = await spawnRedis(args(data));
    },
  };
}

function killRedis(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function spawnRedis(args: readonly string[]): Promise<ChildProcess> {
  const child: ChildProcess = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', () => reject(new Error(`redis-server exited: ${output}`)));
  });
  return child;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
