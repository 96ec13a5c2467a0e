-- wrk: signed-in reads of the overview and the goal pages, in turn (cookie from bench-web.sh).
local paths = {}
local i = 0

function init(args)
  for _, p in ipairs(args) do paths[#paths + 1] = p end
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Cookie"] = os.getenv("STYR_COOKIE") })
end
