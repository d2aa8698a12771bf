-- Gives the recording lease up if this node holds it. KEYS: the lease key; ARGV: node.
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
