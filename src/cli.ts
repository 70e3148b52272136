import { parseArgs } from 'node:util';
import { fail, ok, type Result } from './core/result.ts';

// Command-line flags, parsed by Node's built-in util.parseArgs (no dependency needed for this few flags).
// Environment variables back the flags a container sets: PORT, HOST, SEED.

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly seed: number;
  /** Serve one API at the root path instead of all under `/{id}`. */
  readonly api?: string;
  readonly records?: number;
  /** Answer a response that breaks its schema with a 500 instead of only logging it. */
  readonly strict: boolean;
  /** Apply vendors' rate limits (Amperity: 10 requests per second per tenant). */
  readonly rateLimits: boolean;
  /** Opens the control API (/__admin) beyond loopback to callers presenting this token. */
  readonly adminToken?: string;
  /** `edge`: answer with schema-valid edge cases to test a client's robustness. */
  readonly profile: 'normal' | 'edge';
  /** `real` time (runs move as it passes) or `manual` (frozen until POST /__admin/clock moves it). */
  readonly clock: 'real' | 'manual';
  /** Where the clock starts (ms); a manual clock starts at the reference date otherwise. */
  readonly clockStart?: number;
  /** A JSON file of fault rules to start with. */
  readonly faultsFile?: string;
  /** A JSON file of extra records to load at start. */
  readonly fixturesFile?: string;
  /** Keep the state on disk here (durable across restarts). */
  readonly dataDir?: string;
  /** Share state, rate limits and the clock with other replicas through this Redis. */
  readonly redis?: string;
  readonly help: boolean;
}

export const USAGE = `Usage: npm start -- [options]

  --port N       port to listen on (default 4010, env PORT)
  --host H       interface to bind (default 127.0.0.1, env HOST; 0.0.0.0 in a container)
  --seed N       seed for the generated data (default 1, env SEED); same seed, same bytes
  --api ID       serve only this API, at the root path (ids: see GET / with all APIs mounted)
  --records N    generated runs for the main documented list of each API (default: the pack's own;
                 the README says which list each API counts)
  --strict       answer responses that break their own schema with 500 (default: log them loudly)
  --rate-limit on|off
                 the rate limits the APIs declare, as their vendors document them (default on)
  --profile normal|edge
                 edge answers with schema-valid edge cases (empty pages, missing optional fields,
                 nulls, documented errors, 429) to test client robustness (default normal)
  --clock real|manual
                 real: runs move as time passes (default); manual: frozen until POST /__admin/clock
  --clock-start ISO
                 where the clock starts (manual default 2026-11-01T00:00:00Z, the seed's reference date)
  --faults FILE  fault rules (JSON array) to start with; see GET /__admin/faults
  --fixtures FILE
                 extra records to load at start: [{"api", "session"?, "collections": {name: [{id, data}]}}]
  --data-dir DIR keep the state on disk: every acknowledged write survives a restart, even kill -9
  --redis URL    share state, cursors, rate limits and the clock with other replicas (redis://host:6379)
  --admin-token T
                 open /__admin beyond loopback to callers sending this token (env ADMIN_TOKEN);
                 'random' draws one at start and prints it with the console's URL
  --help         show this text`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  seed: { type: 'string' },
  api: { type: 'string' },
  records: { type: 'string' },
  strict: { type: 'boolean', default: false },
  'rate-limit': { type: 'string', default: 'on' },
  'admin-token': { type: 'string' },
  profile: { type: 'string', default: 'normal' },
  clock: { type: 'string', default: 'real' },
  'clock-start': { type: 'string' },
  faults: { type: 'string' },
  fixtures: { type: 'string' },
  'data-dir': { type: 'string' },
  redis: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

function readFlags(argv: readonly string[]) {
  try {
    return ok(parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

export function parseCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, apiIds: readonly string[]): Result<ServerConfig, string> {
  const flags = readFlags(argv);
  if (!flags.ok) return flags;
  const values = flags.value;
  const port = integer(values.port ?? env['PORT'] ?? '4010', 'port', 0, 65535);
  if (!port.ok) return port;
  const seed = integer(values.seed ?? env['SEED'] ?? '1', 'seed', 0, 2 ** 32 - 1);
  if (!seed.ok) return seed;
  const records = values.records === undefined ? ok(undefined) : integer(values.records, 'records', 0, 10_000_000);
  if (!records.ok) return records;
  if (values.api !== undefined && !apiIds.includes(values.api)) return fail(`--api must be one of: ${apiIds.join(', ')}`);
  const rateLimit = values['rate-limit'];
  const adminToken = values['admin-token'] ?? env['ADMIN_TOKEN'];
  const profile = values.profile;
  if (profile !== 'normal' && profile !== 'edge') return fail(`--profile must be normal or edge, got '${profile ?? ''}'`);
  const clock = values.clock;
  if (clock !== 'real' && clock !== 'manual') return fail(`--clock must be real or manual, got '${clock ?? ''}'`);
  const clockStart = values['clock-start'] === undefined ? undefined : Date.parse(values['clock-start']);
  if (clockStart !== undefined && Number.isNaN(clockStart)) return fail(`--clock-start must be an ISO 8601 instant, got '${values['clock-start'] ?? ''}'`);
  const redis = values.redis ?? env['REDIS_URL'];
  if (redis !== undefined && !/^rediss?:\/\//.test(redis)) return fail(`--redis must be a redis:// or rediss:// URL, got '${redis}'`);
  if (redis !== undefined && values['data-dir'] !== undefined) return fail('--redis and --data-dir cannot be used together: Redis keeps its own data');
  if (rateLimit !== 'on' && rateLimit !== 'off') return fail(`--rate-limit must be on or off, got '${rateLimit ?? ''}'`);
  return ok({
    port: port.value,
    host: values.host ?? env['HOST'] ?? '127.0.0.1',
    seed: seed.value,
    ...(values.api === undefined ? {} : { api: values.api }),
    ...(records.value === undefined ? {} : { records: records.value }),
    strict: values.strict ?? false,
    rateLimits: rateLimit === 'on',
    profile,
    clock,
    ...(clockStart === undefined ? {} : { clockStart }),
    ...(values.faults === undefined ? {} : { faultsFile: values.faults }),
    ...(values.fixtures === undefined ? {} : { fixturesFile: values.fixtures }),
    ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
    ...(redis === undefined ? {} : { redis }),
    ...(adminToken ? { adminToken } : {}),
    help: values.help ?? false,
  });
}

function integer(raw: string, name: string, min: number, max: number): Result<number, string> {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) return fail(`--${name} must be an integer from ${min} to ${max}, got '${raw}'`);
  return ok(value);
}
