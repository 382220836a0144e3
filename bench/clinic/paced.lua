-- A write stream with people's pauses (run.sh, BENCH_THINK_MS): the stream's own script
-- (BENCH_PACED_SCRIPT: bench/server/checkin.lua or dose.lua) with wrk's delay() between one
-- answer and the connection's next request, BENCH_THINK_MS on average (uniform from half to one and
-- a half times it), so that the servers are loaded at a set rate instead of as fast as they answer.
dofile(os.getenv("BENCH_PACED_SCRIPT"))

local think = tonumber(os.getenv("BENCH_THINK_MS") or "0")

function delay()
  return math.floor(think * (0.5 + math.random()))
end
