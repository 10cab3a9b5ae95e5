-- Authenticated paged list: GET /api/v1/users?limit=20 with the bearer tokens in tokens.txt, one per line,
-- rotated over requests so that the load is spread over many users (each has its own rate-limit bucket).
local tokens = {}
for line in io.lines(os.getenv("TOKENS") or "tokens.txt") do
  if #line > 0 then tokens[#tokens + 1] = line end
end
local path = os.getenv("LIST_PATH") or "/api/v1/users?limit=20"
local i = 0
request = function()
  i = i + 1
  local token = tokens[(i % #tokens) + 1]
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  for _, p in ipairs({ 50, 95, 99 }) do
    io.write(string.format("p%d %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("non-2xx/3xx %d\n", summary.errors.status))
end
