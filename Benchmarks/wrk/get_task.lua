-- wrk script: authenticated GET /v1/tasks/{id} over keep-alive connections.
-- Environment: PLOTON_BENCH_KEY and PLOTON_BENCH_TASK.
function init(args)
  path = "/v1/tasks/" .. os.getenv("PLOTON_BENCH_TASK")
  headers = { ["Authorization"] = "Bearer " .. os.getenv("PLOTON_BENCH_KEY") }
end

function request()
  return wrk.format("GET", path, headers)
end
