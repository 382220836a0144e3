-- Shared by bench/clinic/*.lua (loaded with dofile from BENCH_CLINIC_LUA): bench/server's
-- common.lua (the answers counted by status, the BENCH line run.sh reads, session headers), and
-- the first refused answer's status and body written to stderr, which run.sh keeps in the wrk
-- output (BENCH_KEEP=1), so that a failing stream says why.
dofile(os.getenv("BENCH_COMMON_LUA"))

local told = false
function response(status, headers, body)
  count(status)
  if status >= 400 and not told then
    told = true
    io.stderr:write("first refused answer: " .. status .. " " .. (body or "") .. "\n")
  end
end
