-- The space as it is now, with the sequence number it is current to.
-- ARGV: space
local p = 'hb:s:' .. ARGV[1] .. ':'
local list = {}
for _, aid in ipairs(redis.call('ZRANGE', p .. 'active', 0, -1)) do
  list[#list + 1] = cjson.decode(redis.call('HGET', p .. 'members', aid))
end
local seq = tonumber(redis.call('GET', p .. 'seq') or '0')
return cjson.encode({seq = seq, members = list, waiting = redis.call('ZCARD', p .. 'queue')})
