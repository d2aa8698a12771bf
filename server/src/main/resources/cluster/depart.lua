-- A member leaves: its line or queue place goes, and free lines go to the front of the queue.
-- ARGV: space, id, reason, node that must hold it ('' for any), capacity
-- A held member (connection lost, in its resume grace) keeps its queue place but is not promoted.
local p = 'hb:s:' .. ARGV[1] .. ':'
local members, active, queue, held = p .. 'members', p .. 'active', p .. 'queue', p .. 'held'
local id = ARGV[2]
local raw = redis.call('HGET', members, id)
if not raw then return 0 end
local m = cjson.decode(raw)
if ARGV[4] ~= '' and m.node ~= ARGV[4] then return 0 end
redis.call('HDEL', members, id)
redis.call('SREM', held, id)
redis.call('SREM', 'hb:node:' .. m.node .. ':members', ARGV[1] .. ' ' .. id)
local seq = redis.call('INCR', p .. 'seq')
local ops = {}
if redis.call('ZREM', active, id) == 1 then
  ops[#ops + 1] = {op = 'leave', id = id, reason = ARGV[3]}
  local promoted = false
  for _, qid in ipairs(redis.call('ZRANGE', queue, 0, -1)) do
    if redis.call('ZCARD', active) >= tonumber(ARGV[5]) then break end
    if redis.call('SISMEMBER', held, qid) == 0 then
      redis.call('ZREM', queue, qid)
      redis.call('ZADD', active, seq, qid)
      ops[#ops + 1] = {op = 'join', member = cjson.decode(redis.call('HGET', members, qid)), promoted = true}
      promoted = true
    end
  end
  if promoted then ops[#ops + 1] = {op = 'queue', count = redis.call('ZCARD', queue)} end
elseif redis.call('ZREM', queue, id) == 1 then
  ops[#ops + 1] = {op = 'queue', count = redis.call('ZCARD', queue)}
end
if redis.call('HLEN', members) == 0 then redis.call('SREM', 'hb:spaces', ARGV[1]) end
if #ops > 0 then redis.call('PUBLISH', p .. 'events', 'S' .. cjson.encode({seq = seq, ops = ops})) end
return 1
