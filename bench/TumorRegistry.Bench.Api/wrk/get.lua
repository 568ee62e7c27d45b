-- One fixed GET (BENCH_PATH): a worklist page or a survival query.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local path = os.getenv("BENCH_PATH")
function request()
  return wrk.format("GET", path, headers())
end
