-- GET /hello on the bare cpp-httplib server (the baseline).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
wrk.method = "GET"
wrk.path = "/hello"
if os.getenv("BENCH_CONNECTION_CLOSE") == "1" then wrk.headers["Connection"] = "close" end
