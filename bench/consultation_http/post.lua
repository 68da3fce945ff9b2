-- wrk script: POST one JSON comment per request, each with its own client key, so every acknowledged
-- request must be one row in the database afterwards. Set DRAFT, PROVISION and RUN in the environment.
local draft = os.getenv("DRAFT") or "1"
local provision = os.getenv("PROVISION") or "null"
local run = os.getenv("RUN") or "r"
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
  table.insert(threads, thread)
end

function init(args)
  created, replayed, refused, limited = 0, 0, 0, 0
end

local texts = {
  "Đề nghị bồi thường theo giá đất cụ thể sát với giá thị trường tại thời điểm thu hồi.",
  "Tôi đồng ý với quy định bố trí tái định cư trước khi thu hồi đất.",
  "Không nên cho phép thu hồi đất nông nghiệp để giao cho doanh nghiệp làm sân golf.",
  "Đề nghị bổ sung quy định hỗ trợ chuyển đổi nghề cho người có đất nông nghiệp bị thu hồi.",
}

function request()
  counter = counter + 1
  local body = string.format(
    '{"text":"%s (%d)","provision_id":%s,"commenter_type":"person","client_key":"%s-%d-%d"}',
    texts[(counter % #texts) + 1], counter, provision, run, tid, counter)
  return wrk.format("POST", "/gop-y/api/drafts/" .. draft .. "/comments",
                    {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 200 then replayed = replayed + 1
  elseif status == 429 then limited = limited + 1
  else refused = refused + 1 end
end

function done(summary, latency, requests)
  local c, r, x, l = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); r = r + t:get("replayed"); x = x + t:get("refused"); l = l + t:get("limited")
  end
  local secs = summary.duration / 1e6
  io.write(string.format(
    'RESULT {"requests": %d, "created_201": %d, "replayed_200": %d, "limited_429": %d, "other": %d, ' ..
    '"socket_errors": %d, "seconds": %.2f, "acknowledged_per_s": %.1f, "p50_ms": %.2f, "p99_ms": %.2f, ' ..
    '"p999_ms": %.2f, "max_ms": %.2f}\n',
    summary.requests, c, r, l, x,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, secs,
    c / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000))
end
