-- wrk script for bench/petitions/submit.py; not meant to be run by hand.
-- args: mode (ping | form | portal | api), output folder, most requests per thread (0: no limit), data file,
-- phase tag (keeps markers and keys unique across the phases of one run)
-- The data file (written by submit.py) defines RUN, CSRF_TOKEN[], CSRF_COOKIE[], PORTAL[], API[], MARK_PORTAL,
-- MARK_API. Each request carries its own idempotency key and a unique line in its content, so every
-- submission is a new petition; each thread writes the codes it was given to <folder>/<mode>-<thread>.txt.

local count = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  mode = args[1]
  out_dir = args[2]
  max_requests = tonumber(args[3])
  dofile(args[4])
  phase = args[5]
  out = io.open(out_dir .. "/" .. mode .. "-" .. id .. ".txt", "w")
  out:setvbuf("line")
  sent = 0
end

function request()
  if max_requests > 0 and sent >= max_requests then
    wrk.thread:stop()
  end
  sent = sent + 1
  -- The run's tag too: the same person sending the same text again within minutes is a retry by design
  -- (intake answers with the first code), so every submission's text must be new.
  local n = RUN .. "-" .. phase .. "-" .. id .. "-" .. sent
  -- Each submission comes from its own address, as citizens do (the server trusts one proxy hop), so the
  -- per-client rate limit is exercised but never reached.
  local client = "10." .. id .. "." .. math.floor(sent / 250) % 250 .. "." .. sent % 250
  if mode == "ping" then
    return wrk.format("GET", "/bench/ping/")
  elseif mode == "form" then
    return wrk.format("GET", "/gui-don/")
  elseif mode == "portal" then
    local body = PORTAL[(sent % #PORTAL) + 1] .. MARK_PORTAL .. n .. "%29&idempotency_key=" .. RUN .. "-p-" .. n
      .. "&csrfmiddlewaretoken=" .. CSRF_TOKEN[id]
    return wrk.format("POST", "/gui-don/", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = "csrftoken=" .. CSRF_COOKIE[id],
      ["X-Forwarded-For"] = client,
    }, body)
  else
    local body = API[(sent % #API) + 1] .. MARK_API .. n .. ')"}'
    return wrk.format("POST", "/api/v1/petitions", {
      ["Content-Type"] = "application/json",
      ["Idempotency-Key"] = RUN .. "-a-" .. n,
      ["X-Forwarded-For"] = client,
    }, body)
  end
end

function response(status, headers, body)
  if mode == "portal" then
    local code = body and string.match(body, 'id="tracking%-code">([%w%-]+)<')
    if status == 200 and code then
      out:write("ok ", code, " ", string.find(body, "tracking-secret", 1, true) and "new" or "again", "\n")
    else
      out:write("fail ", status, "\n")
    end
  elseif mode == "api" then
    local code = body and string.match(body, '"code":%s*"([%w%-]+)"')
    if (status == 201 or status == 200) and code then
      out:write("ok ", code, " ", status == 201 and "new" or "again", "\n")
    else
      out:write("fail ", status, "\n")
    end
  elseif status ~= 200 then
    out:write("fail ", status, "\n")
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, '
    .. '"timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
