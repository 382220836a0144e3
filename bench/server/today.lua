-- GET /api/v1/people/{pid}/today for one signed-in person with a regimen and a plan.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
wrk.method = "GET"
wrk.path = "/api/v1/people/" .. os.getenv("BENCH_PID") .. "/today"
wrk.headers = session_headers()
