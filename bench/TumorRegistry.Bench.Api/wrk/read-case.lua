-- GET /cases/{id} over a pool of completed cases, in random order.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local ids
function init(args)
  math.randomseed(tonumber(tid) * 7919)
  ids = lines(os.getenv("BENCH_IDS"))
end
function request()
  return wrk.format("GET", "/cases/" .. ids[math.random(#ids)], headers())
end
