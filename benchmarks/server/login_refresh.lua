-- Log-in + refresh: a thread signs in with the users in users.txt (e-mail per line, common password in
-- BENCH_PASSWORD) and spends every refresh token it is given exactly once (rotation on every use): each response's new
-- refresh token goes into the thread's queue, each request takes one from the queue, or signs in when it is empty.
-- (A wrk thread's connections share one Lua state, so a queue, not a variable, keeps tokens single-use.)
local users = {}
for line in io.lines(os.getenv("USERS") or "users.txt") do
  if #line > 0 then users[#users + 1] = line end
end
local password = os.getenv("BENCH_PASSWORD") or "bench-password-123"
local counter = 0
local threads = {}

setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

init = function(args)
  queue = {}
  n = 0
end

request = function()
  n = n + 1
  local refresh_token = table.remove(queue)
  if refresh_token == nil then
    local email = users[((id * 7919 + n) % #users) + 1]
    return wrk.format("POST", "/api/v1/auth/token", { ["Content-Type"] = "application/json" },
      '{"email":"' .. email .. '","password":"' .. password .. '"}')
  end
  return wrk.format("POST", "/api/v1/auth/refresh", { ["Content-Type"] = "application/json" },
    '{"refresh_token":"' .. refresh_token .. '"}')
end

response = function(status, headers, body)
  if status == 200 then
    local token = body:match('"refresh_token":"([^"]+)"')
    if token then table.insert(queue, token) end
  end
end

done = function(summary, latency, requests)
  for _, p in ipairs({ 50, 95, 99 }) do
    io.write(string.format("p%d %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("non-2xx/3xx %d\n", summary.errors.status))
end
