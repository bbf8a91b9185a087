/**
 * Lua scripts of the Redis store. Each runs atomically on the server and reads the time from
 * Redis (`TIME`), so app servers with skewed clocks still share one timeline. Both keys of a
 * script carry the same hash tag, so they live in one slot and work on Redis Cluster.
 */

/**
 * Token bucket plus idempotency claim.
 * KEYS[1] bucket hash {tokens, ts}; KEYS[2] idempotency record hash.
 * ARGV[1] "1" to apply the rate limit; ARGV[2] capacity; ARGV[3] window in ms (refill of a
 * whole bucket); ARGV[4] "1" to claim; ARGV[5] fingerprint; ARGV[6] owner token; ARGV[7] lease ms.
 * Returns {allowed ("1", "0" or "-"), remaining, reset ms, retry ms, reset at (Unix ms on the
 * Redis clock), claim outcome, ...record}.
 */
export const ADMIT_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local result = {'-', '0', '0', '0', '0', '-'}

if ARGV[1] == '1' then
  local capacity = tonumber(ARGV[2])
  local window = tonumber(ARGV[3])
  local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
  local tokens = tonumber(state[1])
  local ts = tonumber(state[2])
  if tokens == nil or ts == nil then
    tokens = capacity
    ts = now
  elseif now > ts then
    -- Refill only forwards: last refill time never moves back.
    tokens = math.min(capacity, tokens + (now - ts) * capacity / window)
    ts = now
  end

  local allowed = tokens >= 1
  if allowed then tokens = tokens - 1 end
  local full = math.ceil((capacity - tokens) * window / capacity)
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))
  redis.call('PEXPIRE', KEYS[1], full + 1000)

  result[2] = tostring(math.floor(tokens))
  result[3] = tostring(full)
  result[5] = string.format('%d', now + full)
  if not allowed then
    result[1] = '0'
    result[4] = tostring(math.ceil((1 - tokens) * window / capacity))
    return result
  end
  result[1] = '1'
end

if ARGV[4] == '1' then
  local record = redis.call('HMGET', KEYS[2], 'state', 'fp', 'status', 'headers', 'body', 'enc')
  if not record[1] then
    redis.call('HSET', KEYS[2], 'state', 'running', 'fp', ARGV[5], 'owner', ARGV[6])
    redis.call('PEXPIRE', KEYS[2], ARGV[7])
    result[6] = 'claimed'
  elseif record[2] ~= ARGV[5] then
    result[6] = 'mismatch'
  elseif record[1] == 'running' then
    result[6] = 'in-flight'
    result[7] = tostring(redis.call('PTTL', KEYS[2]))
  elseif record[1] == 'done' then
    result[6] = 'replay'
    result[7] = record[3]
    result[8] = record[4]
    result[9] = record[5]
    result[10] = record[6]
  else
    result[6] = 'not-stored'
  end
end

return result
`

/**
 * KEYS[1] idempotency record. ARGV[1] owner; ARGV[2] state ("done" or "too_large"); ARGV[3]
 * status; ARGV[4] headers as JSON; ARGV[5] body; ARGV[6] body encoding; ARGV[7] TTL in ms.
 * Returns 1 when stored, 0 when the claim belongs to someone else or expired.
 */
export const COMPLETE_SCRIPT = `
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'status', ARGV[3], 'headers', ARGV[4], 'body', ARGV[5], 'enc', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
return 1
`

/** KEYS[1] idempotency record; ARGV[1] owner. Deletes a running claim held by that owner. */
export const RELEASE_SCRIPT = `
local record = redis.call('HMGET', KEYS[1], 'owner', 'state')
if record[1] == ARGV[1] and record[2] == 'running' then return redis.call('DEL', KEYS[1]) end
return 0
`

/** KEYS[1] idempotency record; ARGV[1] owner; ARGV[2] lease ms. Extends a running claim. */
export const RENEW_SCRIPT = `
local record = redis.call('HMGET', KEYS[1], 'owner', 'state')
if record[1] == ARGV[1] and record[2] == 'running' then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`
