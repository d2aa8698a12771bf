-- Takes or renews the lease to record a space: one node records a space at a time.
-- KEYS: the lease key; ARGV: node, lease in ms. Returns 1 while this node holds it.
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
