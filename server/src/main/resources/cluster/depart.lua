-- A member leaves: its line or queue place goes, and free lines go to the front of the queue, in
-- strict turn: a member whose connection is lost (in its resume grace) is promoted too and finds
-- its line when it comes back.
-- ARGV: space, id, reason, node that must hold it ('' for any), capacity
local p = 'hb:s:' .. ARGV[1] .. ':'
local members, active, queue = p .. 'members', p .. 'active', p .. 'queue'
local id = ARGV[2]
local raw = redis.call('HGET', members, id)
if not raw then return 0 end
local m = cjson.decode(raw)
if ARGV[4] ~= '' and m.node ~= ARGV[4] then return 0 end
redis.call('HDEL', members, id)
redis.call('SREM', 'hb:node:' .. m.node .. ':members', ARGV[1] .. ' ' .. id)
local seq = redis.call('INCR', p .. 'seq')
local ops = {}
if redis.call('ZREM', active, id) == 1 then
  ops[#ops + 1] = {op = 'leave', id = id, reason = ARGV[3]}
  local free = tonumber(ARGV[5]) - redis.call('ZCARD', active)
  if free > 0 then
    local next = redis.call('ZRANGE', queue, 0, free - 1)
    for _, qid in ipairs(next) do
      redis.call('ZREM', queue, qid)
      redis.call('ZADD', active, seq, qid)
      ops[#ops + 1] = {op = 'join', member = cjson.decode(redis.call('HGET', members, qid)), promoted = true}
    end
    if #next > 0 then ops[#ops + 1] = {op = 'queue', count = redis.call('ZCARD', queue)} end
  end
elseif redis.call('ZREM', queue, id) == 1 then
  ops[#ops + 1] = {op = 'queue', count = redis.call('ZCARD', queue)}
end
if redis.call('HLEN', members) == 0 then redis.call('SREM', 'hb:spaces', ARGV[1]) end
if #ops > 0 then redis.call('PUBLISH', p .. 'events', 'S' .. cjson.encode({seq = seq, ops = ops})) end
return 1
