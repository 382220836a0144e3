-- POST /api/v1/people/{pid}/plans/preview: a simulated 10%-every-14-days plan (nothing stored).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
wrk.method = "POST"
wrk.path = "/api/v1/people/" .. os.getenv("BENCH_PID") .. "/plans/preview"
wrk.headers = session_headers()
wrk.body = '{"strategy":"fraction","cut":"10%","every":"14d"}'
