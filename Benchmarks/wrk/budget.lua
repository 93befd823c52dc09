-- Shared by the wrk scripts: with PLOTON_BENCH_BUDGET set, `check(sent)` stops the thread once that
-- many requests are sent (run wrk with -t1). wrk itself still waits out -d, so it then writes
-- PLOTON_BENCH_STOPPED on stderr for the driver to send SIGINT (observability_overhead.py).
local limit = tonumber(os.getenv("PLOTON_BENCH_BUDGET") or "0")
local stopped = false

return function(sent)
  if limit > 0 and sent >= limit and not stopped then
    stopped = true
    wrk.thread:stop()
    io.stderr:write("PLOTON_BENCH_STOPPED\n")
    io.stderr:flush()
  end
end
