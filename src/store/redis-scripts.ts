// The Redis side of the shared store (decision 007): Lua scripts, so each write is checked and logged atomically and
// two replicas racing on one record get exactly one winner. Per space, Redis keeps the records written since seeding
// (`rec`: id -> record as JSON, `ver`: id -> "version seq"), the seeded ids removed (`gone`), a sequence counter per
// collection, and a log of every change (a stream, each entry numbered by `n`) that replicas replay into their own
// in-memory state. Seeded records are not in Redis: every replica makes them again from the seed.

export interface SpaceKeys {
  /** What every key of the space starts with (the load script finds collections' keys from it). */
  readonly base: string;
  readonly state: string;
  readonly image: string;
  readonly n: string;
  readonly log: string;
  /** The names of the space's collections. */
  readonly collections: string;
  readonly pattern: string;
  collection(name: string): { readonly rec: string; readonly ver: string; readonly gone: string; readonly seq: string };
}

export function spaceKeys(prefix: string, space: string): SpaceKeys {
  const base = `${prefix}:s:${space}`;
  return {
    base,
    state: `${base}:state`,
    image: `${base}:image`,
    n: `${base}:n`,
    log: `${base}:log`,
    collections: `${base}:collections`,
    pattern: `${base}:*`,
    collection: (name) => ({ rec: `${base}:c:${name}:rec`, ver: `${base}:c:${name}:ver`, gone: `${base}:c:${name}:gone`, seq: `${base}:c:${name}:seq` }),
  };
}

/** How many log entries Redis keeps (approximately); a replica further behind loads the space again. */
const LOG_LENGTH = 100_000;

/** A record as the store returns it, assembled from JSON text the replica already encoded (never decoded in Lua). */
const RECORD = `
local function record(id, seq, version, data, meta)
  return '{"id":' .. cjson.encode(id) .. ',"seq":' .. seq .. ',"version":' .. version .. ',"data":' .. data .. ',"meta":' .. meta .. '}'
end
local function log(kind, collection, body)
  local n = redis.call('INCR', KEYS[4])
  redis.call('XADD', KEYS[5], 'MAXLEN', '~', '${LOG_LENGTH}', '*', 'n', n, 'op', kind, 'c', collection, 'v', body)
end
`;

/**
 * Whether the space is still the incarnation the replica wrote against; else it was dropped or seeded again by
 * another replica since, and the write is refused ('gone').
 */
const CURRENT = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'gone' end`;

/**
 * KEYS: state, ver, rec, n, log, gone, seq, collections. ARGV: incarnation, id, data, meta, collection, seeded index
 * (-1: none).
 * An id taken by a written record, or by a seeded record not removed, is 'exists'.
 */
export const INSERT = `${RECORD}
${CURRENT}
if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then return 'exists' end
if ARGV[6] ~= '-1' and redis.call('SISMEMBER', KEYS[6], ARGV[2]) == 0 then return 'exists' end
local seq = redis.call('INCR', KEYS[7])
redis.call('SADD', KEYS[8], ARGV[5])
local stored = record(ARGV[2], seq, 1, ARGV[3], ARGV[4])
redis.call('HSET', KEYS[3], ARGV[2], stored)
redis.call('HSET', KEYS[2], ARGV[2], '1 ' .. seq)
log('put', ARGV[5], stored)
return seq`;

/**
 * KEYS: state, ver, rec, n, log, gone. ARGV: incarnation, id, expected version, data, meta, collection, seeded index.
 * A seeded record not yet written has version 1 and its index as sequence number.
 */
export const REPLACE = `${RECORD}
${CURRENT}
local version, seq
local current = redis.call('HGET', KEYS[2], ARGV[2])
if current then
  local space = string.find(current, ' ')
  version = tonumber(string.sub(current, 1, space - 1))
  seq = string.sub(current, space + 1)
elseif ARGV[7] ~= '-1' and redis.call('SISMEMBER', KEYS[6], ARGV[2]) == 0 then
  version = 1
  seq = ARGV[7]
else
  return 'missing'
end
if version ~= tonumber(ARGV[3]) then return 'stale' end
local stored = record(ARGV[2], seq, version + 1, ARGV[4], ARGV[5])
redis.call('HSET', KEYS[3], ARGV[2], stored)
redis.call('HSET', KEYS[2], ARGV[2], (version + 1) .. ' ' .. seq)
log('put', ARGV[6], stored)
return seq`;

/** KEYS: state, ver, rec, n, log, gone. ARGV: incarnation, id, collection, seeded index. 1 when something was removed. */
export const REMOVE = `${RECORD}
${CURRENT}
local removed = redis.call('HDEL', KEYS[2], ARGV[2])
redis.call('HDEL', KEYS[3], ARGV[2])
if ARGV[4] ~= '-1' and redis.call('SADD', KEYS[6], ARGV[2]) == 1 then removed = 1 end
if removed == 0 then return 0 end
log('remove', ARGV[3], ARGV[2])
return 1`;

/**
 * KEYS: state, n, log. ARGV: the last entry id the replica applied, how many entries at most.
 * Returns the state, the number of the last change, and the entries after the given one.
 */
export const READ = `
local state = redis.call('GET', KEYS[1])
local n = redis.call('GET', KEYS[2]) or '0'
if not state or string.sub(state, 1, 6) ~= 'ready:' then return {state or '', n, {}} end
return {state, n, redis.call('XRANGE', KEYS[3], '(' .. ARGV[1], '+', 'COUNT', ARGV[2])}`;

/**
 * KEYS: state, image, n, log, collections. ARGV: the space's key prefix. A whole space as it is now, in one atomic read: state,
 * image, the number and id of the last change, then per collection its name, its written records and its removed
 * seeded ids.
 */
export const LOAD = `
local state = redis.call('GET', KEYS[1])
if not state or string.sub(state, 1, 6) ~= 'ready:' then return {state or ''} end
local image = redis.call('GET', KEYS[2])
local n = redis.call('GET', KEYS[3]) or '0'
local last = redis.call('XREVRANGE', KEYS[4], '+', '-', 'COUNT', 1)
local lastId = '0-0'
if last[1] then lastId = last[1][1] end
local collections = {}
for _, name in ipairs(redis.call('SMEMBERS', KEYS[5])) do
  local base = ARGV[1] .. ':c:' .. name
  table.insert(collections, {name, redis.call('HVALS', base .. ':rec'), redis.call('SMEMBERS', base .. ':gone')})
end
return {state, image, n, lastId, collections}`;
