import { LuaScript } from './lua-script.ts';

/*
 * The store's writes and snapshot reads, each one Lua script so that each is one atomic step on
 * Redis: a snapshot and the sequence number it reflects are never seen apart, whichever replica
 * writes or reads. Every write costs the same however long the task has run: the snapshot is not
 * one JSON document rewritten per event but kept in parts that each event touches in O(1) —
 * `status` replaced in the meta hash, a message pushed onto the history list, a chunk pushed onto
 * its artifact's list (a replaced artifact's list is dropped first: each chunk is dropped at most
 * once). Reads fold the parts back together with `applyTaskEvent`, the same reducer the events use.
 *
 * Errors the store maps: `NOTFOUND` (no such task), `EXISTS` (create twice), `ENDED <state>` (an
 * event after the task's end: with several replicas, the first end wins).
 *
 * Artifact list keys are built here from the meta key rather than passed in KEYS; they share the
 * task's `{taskId}` hash tag, so they are on the same Cluster slot. The listing keys are global.
 */

const ended = `local ended = { completed = true, canceled = true, failed = true, rejected = true }`;

/**
 * KEYS: meta, log, history, artifacts, tasks, context, created.
 * ARGV: taskId, contextId, task (without status/history/artifacts), status, state, event, maxlen,
 * hasHistory, hasArtifacts, history count, history messages…, then artifact id and JSON pairs.
 * Returns the task's creation number.
 */
export const createScript = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.error_reply('EXISTS the task already exists') end
local number = redis.call('INCR', KEYS[7])
redis.call('HSET', KEYS[1], 'seq', 1, 'task', ARGV[3], 'status', ARGV[4], 'state', ARGV[5],
  'contextId', ARGV[2], 'number', number, 'history', ARGV[8], 'artifacts', ARGV[9])
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[7], '1-0', 'e', ARGV[6])
local count = tonumber(ARGV[10])
for index = 11, 10 + count do redis.call('RPUSH', KEYS[3], ARGV[index]) end
for index = 11 + count, #ARGV, 2 do
  redis.call('HSETNX', KEYS[4], ARGV[index], redis.call('HLEN', KEYS[4]))
  redis.call('RPUSH', KEYS[1] .. ':artifact:' .. ARGV[index], ARGV[index + 1])
end
redis.call('ZADD', KEYS[5], number, ARGV[1])
redis.call('ZADD', KEYS[6], number, ARGV[1])
return number
`);

/**
 * KEYS: meta, log, history, artifacts, expiries.
 * ARGV: maxlen, retentionMs, taskId, event, kind (`status` or `artifact`), then
 * for a status: status JSON, state, message JSON or '';
 * for an artifact: artifact id, '1' to append, artifact JSON.
 * Returns the event's sequence number. On a terminal state every key of the task expires after
 * `retentionMs`, and the task is queued for removal from the listing.
 */
export const appendScript = new LuaScript(`
${ended}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return redis.error_reply('NOTFOUND no such task') end
if ended[state] then return redis.error_reply('ENDED ' .. state) end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
if ARGV[5] == 'status' then
  state = ARGV[7]
  redis.call('HSET', KEYS[1], 'status', ARGV[6], 'state', state)
  if ARGV[8] ~= '' then
    redis.call('RPUSH', KEYS[3], ARGV[8])
    redis.call('HSET', KEYS[1], 'history', '1')
  end
else
  local key = KEYS[1] .. ':artifact:' .. ARGV[6]
  if redis.call('HSETNX', KEYS[4], ARGV[6], redis.call('HLEN', KEYS[4])) == 1 then
    redis.call('HSET', KEYS[1], 'artifacts', '1')
  elseif ARGV[7] ~= '1' then
    redis.call('DEL', key)
  end
  redis.call('RPUSH', key, ARGV[8])
end
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[1], string.format('%d-0', seq), 'e', ARGV[4])
if ended[state] then
  local ttl = tonumber(ARGV[2])
  for index = 1, 4 do redis.call('PEXPIRE', KEYS[index], ttl) end
  for _, id in ipairs(redis.call('HKEYS', KEYS[4])) do
    redis.call('PEXPIRE', KEYS[1] .. ':artifact:' .. id, ttl)
  end
  local now = redis.call('TIME')
  local at = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + ttl
  redis.call('ZADD', KEYS[5], at, cjson.encode({ ARGV[3], redis.call('HGET', KEYS[1], 'contextId') }))
end
return seq
`);

/** KEYS: meta, history. ARGV: message JSON. A task that is expiring keeps its history as long as the rest. */
export const addMessageScript = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return redis.error_reply('NOTFOUND no such task') end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], 'history', '1')
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
return 1
`);

/**
 * KEYS: meta, log, history, artifacts. Returns nil for an unknown task, else
 * { seq, log length, task, status, hasHistory, hasArtifacts, history, { id, position, chunks }… }.
 */
export const snapshotScript = new LuaScript(`
local meta = redis.call('HMGET', KEYS[1], 'seq', 'task', 'status', 'history', 'artifacts')
if not meta[1] then return false end
local length = redis.call('XLEN', KEYS[2])
if length == 0 then return false end
local artifacts = {}
local positions = redis.call('HGETALL', KEYS[4])
for index = 1, #positions, 2 do
  table.insert(artifacts, positions[index])
  table.insert(artifacts, positions[index + 1])
  table.insert(artifacts, redis.call('LRANGE', KEYS[1] .. ':artifact:' .. positions[index], 0, -1))
end
return { tonumber(meta[1]), length, meta[2], meta[3], meta[4] or '0', meta[5] or '0',
  redis.call('LRANGE', KEYS[3], 0, -1), artifacts }
`);

/**
 * KEYS: meta, log. ARGV: after, the entry id after it, count. Returns nil for an unknown task,
 * else { seq, entries } or { seq, 'expired' } when the entries after `after` were trimmed.
 */
export const readScript = new LuaScript(`
local seq = redis.call('HGET', KEYS[1], 'seq')
if not seq then return false end
local length = redis.call('XLEN', KEYS[2])
if length == 0 then return false end
seq = tonumber(seq)
local after = tonumber(ARGV[1])
if after >= seq then return { seq, {} } end
if after + 1 < seq - length + 1 then return { seq, 'expired' } end
return { seq, redis.call('XRANGE', KEYS[2], ARGV[2], '+', 'COUNT', ARGV[3]) }
`);

/**
 * KEYS: tasks, expiries. ARGV: key prefix. Drops up to 500 tasks whose retention has passed from
 * the listing (their own keys expire by themselves); returns how many.
 */
export const purgeScript = new LuaScript(`
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local due = redis.call('ZRANGE', KEYS[2], '-inf', ms, 'BYSCORE', 'LIMIT', 0, 500)
for _, member in ipairs(due) do
  local entry = cjson.decode(member)
  redis.call('ZREM', KEYS[1], entry[1])
  redis.call('ZREM', ARGV[1] .. 'context:' .. entry[2] .. ':tasks', entry[1])
  redis.call('ZREM', KEYS[2], member)
end
return #due
`);

/** KEYS: lease. ARGV: token. Deletes the lease only while it is still this claim's. */
export const releaseScript = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);
