-- GET /api/v1/clinician/dashboard, each request as the next clinician of BENCH_USERS_FILE
-- ("user_id cookie csrf" per line, this wrk's share of the clinicians); each clinician is linked
-- to BENCH_PER_CLINICIAN people (run.sh), so every answer is a table of that many rows, built
-- while the people's check-ins and doses keep changing them.
dofile(os.getenv("BENCH_CLINIC_LUA"))

local clinicians = {}
local n = 0

function init(args)
  for line in io.lines(os.getenv("BENCH_USERS_FILE")) do
    local id, cookie, csrf = line:match("^(%d+)%s+(%S+)%s+(%S+)$")
    if id then table.insert(clinicians, session_headers(cookie, csrf)) end
  end
  assert(#clinicians > 0, "no clinicians in " .. os.getenv("BENCH_USERS_FILE"))
end

function request()
  local headers = clinicians[(n % #clinicians) + 1]
  n = n + 1
  return wrk.format("GET", "/api/v1/clinician/dashboard", headers)
end
