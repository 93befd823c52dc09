-- wrk script: POST sandbox weather tasks over keep-alive connections, one API key per account,
-- taking turns. Environment: PLOTON_BENCH_KEYS (comma-separated keys), PLOTON_BENCH_DELAY_MS
-- (pause per connection between requests, for a fixed rate; 0 = as fast as answered),
-- PLOTON_BENCH_BUDGET (optional, budget.lua: stop after that many requests are sent).
-- Prints one line `PLOTON_BENCH {"created":N,"refused":M,"sent":S}` for the driver (task_load.py).
local threads = {}
local check_budget = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "budget.lua")

function setup(thread)
  table.insert(threads, thread)
  thread:set("offset", #threads)
end

function init(args)
  created, refused, sent = 0, 0, 0
  keys = {}
  for key in string.gmatch(os.getenv("PLOTON_BENCH_KEYS") or "", "[^,]+") do table.insert(keys, key) end
  pause = tonumber(os.getenv("PLOTON_BENCH_DELAY_MS") or "0")
  body = '{"prompt":"Look up the current weather in San Francisco and return temperature, conditions, and humidity"}'
end

function request()
  sent = sent + 1
  local key = keys[(sent + offset) % #keys + 1]
  return wrk.format("POST", "/v1/tasks", { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }, body)
end

function delay()
  return pause
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    refused = refused + 1
    if refused <= 3 then io.stderr:write("refused: " .. status .. " " .. body .. "\n") end
  end
  check_budget(sent)
end

function done(summary, latency, requests)
  local c, r, s = 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created")
    r = r + thread:get("refused")
    s = s + thread:get("sent")
  end
  io.write(string.format('PLOTON_BENCH {"created":%d,"refused":%d,"sent":%d}\n', c, r, s))
end
