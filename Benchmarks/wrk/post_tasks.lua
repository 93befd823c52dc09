-- wrk script: POST sandbox weather tasks over keep-alive connections, one API key per account,
-- taking turns. Environment: PLOTON_BENCH_KEYS (comma-separated keys), PLOTON_BENCH_DELAY_MS
-- (pause per connection between requests, for a fixed rate; 0 = as fast as answered),
-- PLOTON_BENCH_BUDGET (optional, budget.lua: stop after that many requests are sent),
-- PLOTON_BENCH_RATE (optional, with -t1: requests per second on a schedule, each request waiting
-- for its slot rather than a fixed pause after the answer, so slow answers do not lower the rate
-- while a connection is free; instead of PLOTON_BENCH_DELAY_MS).
-- Prints one line `PLOTON_BENCH {"created":N,"refused":M,"sent":S}` for the driver (task_load.py).
local threads = {}
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } ploton_timespec;
  int clock_gettime(int clock, ploton_timespec *time);
]]
local timespec = ffi.new("ploton_timespec")

local function now_ms()
  ffi.C.clock_gettime(1, timespec) -- CLOCK_MONOTONIC
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end
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
  local rate = tonumber(os.getenv("PLOTON_BENCH_RATE") or "0")
  interval = rate > 0 and 1000 / rate or nil
  due = now_ms()
  body = '{"prompt":"Look up the current weather in San Francisco and return temperature, conditions, and humidity"}'
end

function request()
  sent = sent + 1
  local key = keys[(sent + offset) % #keys + 1]
  return wrk.format("POST", "/v1/tasks", { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }, body)
end

function delay()
  if not interval then return pause end
  local now = now_ms()
  -- Behind by more than a second (every connection was busy): the missed slots are not made up in a burst.
  due = math.max(due + interval, now - 1000)
  return math.max(0, math.floor(due - now))
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
