-- wrk: 90 % signed-in page reads, 10 % writes through the API (in turn: a goal's assessment saved
-- with the revision this thread last saw, and a new comment on the goal). Each thread counts what
-- the server acknowledged; bench-web.sh compares that with what is stored afterwards (lost writes).
local reads = {}
local api, token, cookie
local n, rev = 0, 0
-- Globals, not locals: done() reads them from each thread with thread:get().
saved, conflicts, commented, other = 0, 0, 0, 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  api = args[1]
  for k = 2, #args do reads[#reads + 1] = args[k] end
  token = os.getenv("STYR_TOKEN")
  cookie = os.getenv("STYR_COOKIE")
  rev = tonumber(os.getenv("STYR_REVISION")) or 0
end

function request()
  n = n + 1
  local json = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  if n % 20 == 0 then
    local body = string.format('{"level":null,"motivation":"last %d","analysis":"","work_done":"","revision":%d}', n, rev)
    return wrk.format("PUT", api .. "/assessment", json, body)
  elseif n % 20 == 10 then
    return wrk.format("POST", api .. "/comments", json, string.format('{"body":"kommentar %d"}', n))
  end
  return wrk.format("GET", reads[n % #reads + 1], { ["Cookie"] = cookie })
end

function response(status, headers, body)
  -- A thread has many connections in flight, so an answer is told by its body: a save's outcome
  -- names its result, a new comment is a 201, a page is HTML.
  body = body or ""
  local r = tonumber(string.match(body, '"revision":(%d+)'))
  if string.find(body, '"result":"saved"', 1, true) then
    saved = saved + 1
    if r and r > rev then rev = r end
  elseif string.find(body, '"result":"conflict"', 1, true) then
    conflicts = conflicts + 1
    if r and r > rev then rev = r end
  elseif status == 201 then -- a new comment, as stored
    commented = commented + 1
  elseif string.sub(body, 1, 1) == "{" or string.sub(body, 1, 1) == "[" then
    other = other + 1
  end
end

function done(summary, latency, requests)
  local s, c, m, o = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    s = s + t:get("saved"); c = c + t:get("conflicts"); m = m + t:get("commented"); o = o + t:get("other")
  end
  io.write(string.format("writes: %d assessments saved, %d refused as stale (409), %d comments added, %d other answers\n", s, c, m, o))
  local f = io.open(os.getenv("STYR_COUNTS"), "w")
  f:write(string.format("%d %d %d %d\n", s, c, m, o))
  f:close()
end
