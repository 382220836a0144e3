-- POST /api/v1/people/{pid}/check-ins with a distinct (person, date) on every request, so that no
-- answer is a 409 by design: BENCH_USERS_FILE lists "person_id cookie csrf" per line; wrk thread t
-- of T owns the users whose index i has i % T == t, and its n-th request goes to user n % k of its
-- k users, dated (n // k) + 1 days before today. Every 201 is counted (common.lua) so that run.sh
-- can check that each acknowledged check-in is in the database afterwards.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local users = {}
local n = 0
-- Noon today, local time (the server's today is local too); days are subtracted from it so that a
-- daylight-saving change cannot move a date.
local noon

function init(args)
  local threads = tonumber(os.getenv("BENCH_WRK_THREADS"))
  local i = 0
  for line in io.lines(os.getenv("BENCH_USERS_FILE")) do
    local pid, cookie, csrf = line:match("^(%d+)%s+(%S+)%s+(%S+)$")
    if pid then
      if i % threads == tid then
        table.insert(users, {
          path = "/api/v1/people/" .. pid .. "/check-ins",
          headers = session_headers(cookie, csrf),
        })
      end
      i = i + 1
    end
  end
  assert(#users > 0, "wrk thread " .. tid .. " has no bench users")
  local now = os.date("*t")
  noon = os.time({year = now.year, month = now.month, day = now.day, hour = 12})
end

function request()
  local k = #users
  local user = users[(n % k) + 1]
  local days_back = math.floor(n / k) + 1
  n = n + 1
  local date = os.date("%Y-%m-%d", noon - days_back * 86400)
  local body = '{"date":"' .. date .. '","mood":6,"sleep":{"quality":7},"notes":"bench"}'
  return wrk.format("POST", user.path, user.headers, body)
end
