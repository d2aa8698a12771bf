-- A viewer enters a space, or takes back its line or queue place (resume, possibly from another node).
-- ARGV: space, id, member JSON, node, capacity, max queue
-- State changes and the events they cause are published together, in one message, atomically.
local p = 'hb:s:' .. ARGV[1] .. ':'
local members, active, queue = p .. 'members', p .. 'active', p .. 'queue'
local id, node = ARGV[2], ARGV[4]
local seq = redis.call('INCR', p .. 'seq')
local ops = {}
local status
local raw = redis.call('HGET', members, id)
if raw then
  local m = cjson.decode(raw)
  local previous = m.node
  if previous ~= node then
    m.node = node
    redis.call('HSET', members, id, cjson.encode(m))
    redis.call('SREM', 'hb:node:' .. previous .. ':members', ARGV[1] .. ' ' .. id)
  end
  ops[#ops + 1] = {op = 'replaced', id = id, node = previous}
  if redis.call('ZSCORE', active, id) then status = 'active' else status = 'waiting' end
else
  local m = cjson.decode(ARGV[3])
  m.node = node
  if redis.call('ZCARD', active) < tonumber(ARGV[5]) then
    redis.call('ZADD', active, seq, id)
    status = 'active'
    ops[#ops + 1] = {op = 'join', member = m}
  elseif redis.call('ZCARD', queue) < tonumber(ARGV[6]) then
    redis.call('ZADD', queue, seq, id)
    status = 'waiting'
    ops[#ops + 1] = {op = 'queue', count = redis.call('ZCARD', queue)}
  else
    return cjson.encode({status = 'full'})
  end
  redis.call('HSET', members, id, cjson.encode(m))
end
redis.call('SADD', 'hb:spaces', ARGV[1])
redis.call('SADD', 'hb:node:' .. node .. ':members', ARGV[1] .. ' ' .. id)
redis.call('PUBLISH', p .. 'events', 'S' .. cjson.encode({seq = seq, ops = ops}))
local list = {}
for _, aid in ipairs(redis.call('ZRANGE', active, 0, -1)) do
  list[#list + 1] = cjson.decode(redis.call('HGET', members, aid))
end
local position = 0
if status == 'waiting' then position = redis.call('ZRANK', queue, id) + 1 end
return cjson.encode({status = status, position = position, seq = seq, members = list,
  waiting = redis.call('ZCARD', queue), you = cjson.decode(redis.call('HGET', members, id))})
