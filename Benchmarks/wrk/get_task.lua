-- wrk script: authenticated GET /v1/tasks/{id} over keep-alive connections.
-- Environment: PLOTON_BENCH_KEY and PLOTON_BENCH_TASK; PLOTON_BENCH_BUDGET (optional, budget.lua)
-- stops after that many requests are sent. Prints `PLOTON_BENCH {"sent":N}` for the driver.
local threads = {}
local check_budget = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "budget.lua")

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  sent = 0
  path = "/v1/tasks/" .. os.getenv("PLOTON_BENCH_TASK")
  headers = { ["Authorization"] = "Bearer " .. os.getenv("PLOTON_BENCH_KEY") }
end

function request()
  sent = sent + 1
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  check_budget(sent)
end

function done(summary, latency, requests)
  local s = 0
  for _, thread in ipairs(threads) do s = s + thread:get("sent") end
  io.write(string.format('PLOTON_BENCH {"sent":%d}\n', s))
end
