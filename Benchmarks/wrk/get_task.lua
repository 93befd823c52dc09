-- wrk script: authenticated GET /v1/tasks/{id} over keep-alive connections.
-- Environment: PLOTON_BENCH_KEY and PLOTON_BENCH_TASK; PLOTON_BENCH_BUDGET (optional) stops after
-- that many requests are sent (run with -t1; it says PLOTON_BENCH_STOPPED on stderr, then send
-- SIGINT). Prints `PLOTON_BENCH {"sent":N}` for the driver.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  sent = 0
  budget = tonumber(os.getenv("PLOTON_BENCH_BUDGET") or "0")
  path = "/v1/tasks/" .. os.getenv("PLOTON_BENCH_TASK")
  headers = { ["Authorization"] = "Bearer " .. os.getenv("PLOTON_BENCH_KEY") }
end

function request()
  sent = sent + 1
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  if budget > 0 and sent >= budget and not stopped then
    stopped = true
    wrk.thread:stop()
    io.stderr:write("PLOTON_BENCH_STOPPED\n") -- wrk itself waits out -d: the driver interrupts it
    io.stderr:flush()
  end
end

function done(summary, latency, requests)
  local s = 0
  for _, thread in ipairs(threads) do s = s + thread:get("sent") end
  io.write(string.format('PLOTON_BENCH {"sent":%d}\n', s))
end
