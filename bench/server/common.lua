-- Shared by bench/server/*.lua (loaded with dofile): counts the answers by status in each wrk
-- thread and prints one machine-readable line in done() for run.sh to parse:
--   BENCH requests=N duration_s=S rps=R p50_ms=A p90_ms=B p99_ms=C max_ms=D
--         s2xx=N s201=N s409=N s4xx=N s5xx=N socket_errors=N timeouts=N
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

-- Per-thread counters (each wrk thread has its own Lua state).
s2xx, s201, s409, s4xx, s5xx = 0, 0, 0, 0, 0

function count(status)
  if status == 201 then s201 = s201 + 1 end
  if status >= 200 and status < 300 then
    s2xx = s2xx + 1
  elseif status == 409 then
    s409 = s409 + 1; s4xx = s4xx + 1
  elseif status >= 400 and status < 500 then
    s4xx = s4xx + 1
  elseif status >= 500 then
    s5xx = s5xx + 1
  end
end

function response(status, headers, body)
  count(status)
end

function done(summary, latency, requests)
  local t = {s2xx = 0, s201 = 0, s409 = 0, s4xx = 0, s5xx = 0}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "s2xx=%d s201=%d s409=%d s4xx=%d s5xx=%d socket_errors=%d timeouts=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, t.s2xx, t.s201, t.s409, t.s4xx, t.s5xx,
    e.connect + e.read + e.write, e.timeout))
end

-- A session's headers (default: the bench reader's BENCH_COOKIE and BENCH_CSRF from run.sh).
-- BENCH_CONNECTION_CLOSE=1 adds "Connection: close" (a new connection per request): a diagnostic
-- that sidesteps the delayed-ACK stall of kept-alive connections without TCP_NODELAY.
function session_headers(cookie, csrf)
  local h = {
    ["Cookie"] = "taperlab_session=" .. (cookie or os.getenv("BENCH_COOKIE")),
    ["X-CSRF-Token"] = csrf or os.getenv("BENCH_CSRF"),
    ["Content-Type"] = "application/json",
  }
  if os.getenv("BENCH_CONNECTION_CLOSE") == "1" then h["Connection"] = "close" end
  return h
end
