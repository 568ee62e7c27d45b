-- Shared by the load scripts: the API key, per-thread seeding, and one JSON line of results at the end.
local key = os.getenv("BENCH_KEY")
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function headers(extra)
  local h = { ["X-Api-Key"] = key, ["Accept"] = "application/json" }
  for k, v in pairs(extra or {}) do h[k] = v end
  return h
end
function lines(path)
  local t = {}
  for line in io.lines(path) do t[#t + 1] = line end
  return t
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH {\"requests\":%d,\"durationUs\":%d,\"non2xx\":%d,\"socketErrors\":%d,\"p50Us\":%d,\"p90Us\":%d,\"p99Us\":%d,\"meanUs\":%.1f}\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean))
end
