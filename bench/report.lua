-- wrk prints one JSON line at the end: what bench/run.py reads.
-- Optional: URL paths to cycle through, one per request (the mixed soak test).
local paths = {}
local next_path = 0

function init(args)
  for _, path in ipairs(args) do table.insert(paths, path) end
end

function request()
  if #paths == 0 then return wrk.format(nil) end
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, ' ..
    '"errors": %d, "non_2xx_3xx": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
