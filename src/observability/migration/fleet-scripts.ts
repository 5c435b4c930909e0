/**
 * The two Lua scripts that add a replica's report to the fleet's history, each one atomic on one
 * hash: bounded (a hash takes at most so many new fields; the rest go to an overflow field, or
 * nowhere) and expiring (EXPIREAT on every write). Redis runs them whole, so replicas writing at
 * the same time never lose each other's counts.
 */

/**
 * KEYS[1]: a hash of counters. ARGV[1]: the most fields it may hold; ARGV[2]: expire at (Unix s);
 * then groups of four: op (`i` add, `m` keep the larger, `I` add past the cap: the proxy's own
 * fields, never client input), field, overflow field ('' none), number. The overflow fields are few
 * (one per route and code), as are the proxy's own, so a hash holds at most the cap and those.
 */
export const ADD_COUNTERS = `
local key = KEYS[1]
local cap = tonumber(ARGV[1])
local fields = redis.call('HLEN', key)
for i = 3, #ARGV, 4 do
  local op, field, overflow, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  if op ~= 'I' and fields >= cap and redis.call('HEXISTS', key, field) == 0 then field = overflow end
  if field ~= '' then
    local current = redis.call('HGET', key, field)
    if op ~= 'm' then
      redis.call('HINCRBY', key, field, n)
    elseif not current or tonumber(current) < tonumber(n) then
      redis.call('HSET', key, field, n)
    end
    if not current then fields = fields + 1 end
  end
end
redis.call('EXPIREAT', key, ARGV[2])
return fields
`;

/**
 * KEYS[1]: a day's call shapes. ARGV[1]: the most shapes; ARGV[2]: expire at (Unix s); then groups
 * of six: id, requests, errors, latest (epoch ms), the shape (JSON), the latest call (JSON). A shape
 * past the bound is counted in n:other only.
 */
export const ADD_SHAPES = `
local key = KEYS[1]
local cap = tonumber(ARGV[1])
local shapes = tonumber(redis.call('HGET', key, '#') or '0')
for i = 3, #ARGV, 6 do
  local id = ARGV[i]
  if redis.call('HEXISTS', key, 'n:' .. id) == 0 then
    if shapes >= cap then
      id = false
    else
      shapes = shapes + 1
      redis.call('HSET', key, 'd:' .. id, ARGV[i + 4])
    end
  end
  if id then
    redis.call('HINCRBY', key, 'n:' .. id, ARGV[i + 1])
    redis.call('HINCRBY', key, 'e:' .. id, ARGV[i + 2])
    local latest = tonumber(redis.call('HGET', key, 'l:' .. id) or '0')
    if tonumber(ARGV[i + 3]) >= latest then
      redis.call('HSET', key, 'l:' .. id, ARGV[i + 3], 'x:' .. id, ARGV[i + 5])
    end
  else
    redis.call('HINCRBY', key, 'n:other', ARGV[i + 1])
  end
end
redis.call('HSET', key, '#', shapes)
redis.call('EXPIREAT', key, ARGV[2])
return shapes
`;
