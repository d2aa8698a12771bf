-- A member changes its display name; the others hear of it when it has a line.
-- ARGV: space, id, name
local p = 'hb:s:' .. ARGV[1] .. ':'
local raw = redis.call('HGET', p .. 'members', ARGV[2])
if not raw then return 0 end
local m = cjson.decode(raw)
m.name = ARGV[3]
redis.call('HSET', p .. 'members', ARGV[2], cjson.encode(m))
if redis.call('ZSCORE', p .. 'active', ARGV[2]) then
  local seq = redis.call('INCR', p .. 'seq')
  redis.call('PUBLISH', p .. 'events', 'S' .. cjson.encode({seq = seq, ops = {{op = 'rename', member = m}}}))
end
return 1
