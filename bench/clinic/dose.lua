-- POST /api/v1/people/{pid}/doses: each request logs one planned dose as taken, a distinct
-- (person, date, planned time) every time, so that no answer is a 409 by design. BENCH_USERS_FILE
-- lists "person_id cookie csrf" per line (this wrk's share of the people); the n-th request goes
-- to person n % k of the k people, for slot s = n // k: the 08:00 dose (s even) or the 20:00 dose
-- (s odd) of the day s // 2 days after BENCH_PLAN_START, the day every person's plan began
-- (run.sh): its first steps keep both doses, and it began long enough ago for these days to be
-- past. Every 201 is counted (common.lua) so that run.sh can check each acknowledged dose is
-- stored afterwards.
dofile(os.getenv("BENCH_CLINIC_LUA"))

local users = {}
local n = 0
local start_noon

function init(args)
  for line in io.lines(os.getenv("BENCH_USERS_FILE")) do
    local pid, cookie, csrf = line:match("^(%d+)%s+(%S+)%s+(%S+)$")
    if pid then
      table.insert(users, {
        path = "/api/v1/people/" .. pid .. "/doses",
        headers = session_headers(cookie, csrf),
      })
    end
  end
  assert(#users > 0, "no bench people in " .. os.getenv("BENCH_USERS_FILE"))
  local y, m, d = os.getenv("BENCH_PLAN_START"):match("^(%d+)-(%d+)-(%d+)$")
  -- Noon, local time: adding days to it cannot cross a date at a daylight-saving change.
  start_noon = os.time({year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12})
end

function request()
  local k = #users
  local user = users[(n % k) + 1]
  local slot = math.floor(n / k)
  n = n + 1
  local date = os.date("%Y-%m-%d", start_noon + math.floor(slot / 2) * 86400)
  local planned = (slot % 2 == 0) and "08:00" or "20:00"
  local body = '{"date":"' .. date .. '","planned_time":"' .. planned .. '"}'
  return wrk.format("POST", user.path, user.headers, body)
end
