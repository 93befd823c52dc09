-- wrk script: an authenticated GET of one path over keep-alive connections (read_load.py).
-- Environment: PLOTON_BENCH_KEY, PLOTON_BENCH_PATH (e.g. /v1/tools). Counts answers that are not
-- 200 and prints `PLOTON_BENCH {"sent":N,"failed":M}` for the driver.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  sent, failed = 0, 0
  path = os.getenv("PLOTON_BENCH_PATH")
  headers = { ["Authorization"] = "Bearer " .. os.getenv("PLOTON_BENCH_KEY") }
end

function request()
  sent = sent + 1
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  if status ~= 200 then
    failed = failed + 1
    if failed <= 3 then io.stderr:write("failed: " .. status .. " " .. body .. "\n") end
  end
end

function done(summary, latency, requests)
  local s, f = 0, 0
  for _, thread in ipairs(threads) do
    s = s + thread:get("sent")
    f = f + thread:get("failed")
  end
  io.write(string.format('PLOTON_BENCH {"sent":%d,"failed":%d}\n', s, f))
end
