-- POST /cases/{id}/corrections with If-Match: each thread walks its own slice of the pool round-robin and keeps
-- each case's version from the accepted write's body, so no two requests race for one case.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local ids, versions, next_i = {}, {}, 0
function init(args)
  local all = lines(os.getenv("BENCH_IDS"))
  local n = tonumber(os.getenv("BENCH_THREADS"))
  for i, line in ipairs(all) do
    if i % n == tonumber(tid) % n then
      local id, v = line:match("^(%S+) (%d+)$")
      ids[#ids + 1] = id
      versions[id] = tonumber(v)
    end
  end
end
function request()
  next_i = next_i % #ids + 1
  local id = ids[next_i]
  local body = string.format('{"items":{"textRemarks":"load test %d"},"reason":"API load benchmark"}', versions[id] + 1)
  return wrk.format("POST", "/cases/" .. id .. "/corrections",
    headers({ ["Content-Type"] = "application/json", ["If-Match"] = '"' .. versions[id] .. '"' }), body)
end
local refused = 0
function response(status, hdrs, body)
  if status >= 300 and refused < 3 and os.getenv("BENCH_REFUSED") then
    refused = refused + 1
    local f = io.open(os.getenv("BENCH_REFUSED"), "a")
    f:write(status, " ", body, "\n")
    f:close()
  end
  local id, v = body:match('"id":"([%x%-]+)".-"version":(%d+)')
  if id and versions[id] then versions[id] = tonumber(v) end
end
